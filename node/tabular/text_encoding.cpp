#include "node/tabular/text_encoding.h"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>

#include "node/common/errors.h"

namespace mams::tabular {
namespace {

constexpr std::string_view kBomUtf8 = "\xEF\xBB\xBF";
constexpr std::string_view kBomUtf32Le{"\xFF\xFE\x00\x00", 4};
constexpr std::string_view kBomUtf32Be{"\x00\x00\xFE\xFF", 4};
constexpr std::string_view kBomUtf16Le = "\xFF\xFE";
constexpr std::string_view kBomUtf16Be = "\xFE\xFF";
constexpr std::string_view kZipMagic = "PK\x03\x04";
constexpr std::string_view kOle2Magic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
constexpr char kGb18030[] = "GB18030";
constexpr char kUtf8[] = "UTF-8";
// A file with this many valid multi-byte UTF-8 sequences per invalid byte is damaged UTF-8,
// not GBK: in GBK text most two-byte characters are invalid UTF-8 (roughly 85%), so the
// ratio stays far below 1. Decoding such a file as GBK would silently garble every name.
constexpr std::size_t kDamagedUtf8Ratio = 4;
constexpr std::size_t kOutputSlack = 64;

[[noreturn]] void Refuse(const std::string& reason) {
  throw ApiError(ErrorKind::kUnprocessable, "unsupported_encoding", reason + " (文件编码不支持)",
                 "file");
}

std::string Position(std::string_view bytes, std::size_t offset) {
  const auto lines =
      std::count(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(offset), '\n');
  return "line " + std::to_string(lines + 1) + ", byte offset " + std::to_string(offset);
}

// Length of the valid UTF-8 sequence at `i`, or 0 if the byte there starts none. The bounds
// on the second byte follow Unicode's table of well-formed sequences: they exclude overlong
// forms (E0, F0), surrogates (ED) and code points above U+10FFFF (F4).
std::size_t SequenceLength(std::string_view s, std::size_t i) {
  const auto byte = [&s](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) {
    return 1;
  }
  std::size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    low = lead == 0xE0 ? 0xA0 : low;
    high = lead == 0xED ? 0x9F : high;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    low = lead == 0xF0 ? 0x90 : low;
    high = lead == 0xF4 ? 0x8F : high;
  } else {
    return 0;
  }
  if (i + length > s.size() || byte(i + 1) < low || byte(i + 1) > high) {
    return 0;
  }
  for (std::size_t k = 2; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      return 0;
    }
  }
  return length;
}

struct Utf8Scan {
  std::optional<std::size_t> first_invalid;
  std::size_t multibyte = 0;  // valid sequences of two or more bytes
  std::size_t invalid = 0;    // bytes that start no valid sequence
};

Utf8Scan ScanUtf8(std::string_view s) {
  Utf8Scan scan;
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t length = SequenceLength(s, i);
    if (length == 0) {
      if (!scan.first_invalid) {
        scan.first_invalid = i;
      }
      ++scan.invalid;
      ++i;
      continue;
    }
    scan.multibyte += length > 1 ? 1 : 0;
    i += length;
  }
  return scan;
}

class Iconv {
 public:
  Iconv(const char* to, const char* from) : cd_(iconv_open(to, from)) {}
  ~Iconv() {
    if (valid()) {
      iconv_close(cd_);
    }
  }
  Iconv(const Iconv&) = delete;
  Iconv& operator=(const Iconv&) = delete;

  bool valid() const { return cd_ != Invalid(); }
  iconv_t get() const { return cd_; }

 private:
  static iconv_t Invalid() { return reinterpret_cast<iconv_t>(static_cast<std::intptr_t>(-1)); }
  iconv_t cd_;
};

// Converts GB18030 to UTF-8 into `out`; returns the offset of the first byte that is not
// GB18030 (or starts a sequence cut off by the end of the input), or nullopt on success.
std::optional<std::size_t> ConvertGb18030(std::string_view in, std::string* out) {
  const Iconv cd(kUtf8, kGb18030);
  if (!cd.valid()) {
    throw ApiError(ErrorKind::kInternal, "encoding_unavailable",
                   std::string("no GB18030 converter: ") + std::strerror(errno));
  }
  constexpr auto kFailed = static_cast<std::size_t>(-1);
  // Room for ASCII-heavy text; Chinese grows by half (two GBK bytes, three UTF-8 bytes) and
  // takes one doubling below.
  out->assign(in.size() + kOutputSlack, '\0');
  // glibc's iconv never writes through the input pointer; its signature is just not const.
  char* in_ptr = const_cast<char*>(in.data());
  std::size_t in_left = in.size();
  std::size_t produced = 0;
  bool flushing = false;
  for (;;) {
    char* out_ptr = out->data() + produced;
    std::size_t out_left = out->size() - produced;
    const std::size_t rc = flushing ? iconv(cd.get(), nullptr, nullptr, &out_ptr, &out_left)
                                    : iconv(cd.get(), &in_ptr, &in_left, &out_ptr, &out_left);
    const int error = errno;
    produced = out->size() - out_left;
    if (rc != kFailed) {
      if (flushing) {
        break;
      }
      flushing = true;
      continue;
    }
    if (error == E2BIG) {
      out->resize(out->size() * 2);
      continue;
    }
    return static_cast<std::size_t>(in_ptr - in.data());
  }
  out->resize(produced);
  return std::nullopt;
}

void RefuseKnownBinary(std::string_view bytes) {
  if (bytes.substr(0, kBomUtf32Le.size()) == kBomUtf32Le ||
      bytes.substr(0, kBomUtf32Be.size()) == kBomUtf32Be) {
    Refuse("the file is UTF-32; save it as UTF-8 or GBK (CSV)");
  }
  if (bytes.substr(0, kBomUtf16Le.size()) == kBomUtf16Le ||
      bytes.substr(0, kBomUtf16Be.size()) == kBomUtf16Be) {
    Refuse("the file is UTF-16; save it as UTF-8 or GBK (CSV)");
  }
  if (bytes.substr(0, kZipMagic.size()) == kZipMagic) {
    Refuse("this looks like an XLSX/ZIP file; save as CSV");
  }
  if (bytes.substr(0, kOle2Magic.size()) == kOle2Magic) {
    Refuse("this looks like an Excel 97-2003 (XLS) file; save as CSV");
  }
  const auto nul = bytes.find('\0');
  if (nul != std::string_view::npos) {
    Refuse("the file has a NUL byte at " + Position(bytes, nul) +
           ": it is binary (or UTF-16 without a byte-order mark), not CSV text; save it as "
           "CSV (UTF-8 or GBK)");
  }
}

}  // namespace

std::optional<std::size_t> FindInvalidUtf8(std::string_view bytes) {
  return ScanUtf8(bytes).first_invalid;
}

DecodedText DecodeToUtf8(std::string_view bytes) {
  RefuseKnownBinary(bytes);
  const bool has_bom = bytes.substr(0, kBomUtf8.size()) == kBomUtf8;
  const std::string_view body = has_bom ? bytes.substr(kBomUtf8.size()) : bytes;
  const std::size_t body_start = has_bom ? kBomUtf8.size() : 0;

  const Utf8Scan scan = ScanUtf8(body);
  if (!scan.first_invalid) {
    return DecodedText{std::string(body), kUtf8};
  }
  if (has_bom || scan.multibyte > kDamagedUtf8Ratio * scan.invalid) {
    Refuse("the file is UTF-8 but has an invalid byte at " +
           Position(bytes, body_start + *scan.first_invalid) +
           "; fix that text or save the file again as UTF-8");
  }
  DecodedText decoded{std::string(), "GBK"};
  const auto bad = ConvertGb18030(body, &decoded.utf8);
  if (bad) {
    Refuse("the file is neither UTF-8 nor GBK: invalid byte at " +
           Position(bytes, body_start + *bad) + "; save it as CSV (UTF-8 or GBK)");
  }
  return decoded;
}

}  // namespace mams::tabular
