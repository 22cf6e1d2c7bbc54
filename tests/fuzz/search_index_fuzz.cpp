// Feeds untrusted bytes to the texts record SQLite's search_docs keeps, which the index reads
// back to take a document's terms out of FTS5 (a record could be damaged on disk, or written
// by an older build). Checks that any bytes read without fault, that what a record yields is
// the record up to its first fault, and that a record of any texts reads back as those texts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "modules/search/index/index_storage.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mams::search;
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  const std::string again = index::TextsRecord(index::FromTextsRecord(bytes));
  if (bytes.compare(0, again.size(), again) != 0) {
    std::abort();
  }
  SearchDocument document;
  document.texts = {bytes.substr(0, size / 3), bytes.substr(size / 3, size / 3)};
  document.whole_texts = {bytes.substr(2 * (size / 3))};
  const auto read = index::FromTextsRecord(index::TextsRecord(document));
  if (read.texts != document.texts || read.whole_texts != document.whole_texts) {
    std::abort();
  }
  return 0;
}
