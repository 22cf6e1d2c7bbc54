#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <typeindex>
#include <typeinfo>
#include <vector>

#include "node/common/errors.h"
#include "node/common/platform_fwd.h"

namespace mams::module {

/// Who asks, for every extension that reads data: the caller's org scope and principal, and
/// the request as the operation log names it (for reads of personal data).
struct Caller {
  const auth::DataScope& scope;
  const auth::Principal& principal;
  const audit::Actor& actor;
};

/// What a customer facet shows: how many, and the newest few items as a JSON array.
struct FacetValue {
  std::int64_t count = 0;
  std::string recent_json = "[]";
};

/// A facet of the customer 360° view (客户360度视图), filled by the module that owns what it
/// counts (tickets, opportunities, contracts, orders, bills). A node without that module shows
/// no such facet. `read` gets a customer the caller is known to see.
struct CustomerFacet {
  std::string key;         ///< the count's name in the view's "counts", e.g. "openTickets"
  std::string recent_key;  ///< the view's key for its newest items, e.g. "recentTickets"; "" none
  std::string permission;  ///< callers without it see no facet; "" for all who see the customer
  std::string title_zh;    ///< what the console labels the count with, e.g. "未结工单"
  std::string title_en;
  std::function<FacetValue(storage::Session&, const std::string& customer_id, const Caller&)> read;
};

/// A kind of line a module adds to a customer's timeline (客户变更历史), e.g. "ticket.opened":
/// the timeline shows its title in the reader's language, and refuses a line of a kind no
/// module declared (a misspelt kind would otherwise show as its raw key).
struct TimelineEventKind {
  std::string key;
  std::string title_zh;
  std::string title_en;
};

/// One hit of the global search.
struct SearchHit {
  std::string id;
  std::string title;
  std::string subtitle;
  std::string path;  ///< where the console opens it, e.g. "/customers/{id}"
};

/// Answers the global search for one kind of thing, within the caller's scope: at most
/// `limit` hits, best first where the provider knows (the search route orders them again by
/// how well the title matches). Usually through modules/search/api/search_index.h.
struct SearchProvider {
  std::string key;
  std::string permission;
  std::function<std::vector<SearchHit>(storage::Session&, const std::string& text,
                                       std::size_t limit, const Caller&)>
      search;
};

/// What a report column holds: text, a whole number, or money in fen (shown in yuan).
enum class ReportValue { kText, kInteger, kMoney };

/// A column of a report dataset; numbers and money are numbers in JSON (money in fen).
struct ReportColumn {
  std::string key;
  std::string title_zh;
  std::string title_en;
  ReportValue type = ReportValue::kText;
};

/// One allowed value of a report filter, with what people read for it.
struct ReportChoice {
  std::string value;
  std::string title_zh;
  std::string title_en;
};

/// A filter a report dataset accepts as a query parameter; `choices` lists the allowed
/// values (empty: any text of at most 64 characters).
struct ReportFilter {
  std::string key;
  std::string title_zh;
  std::string title_en;
  std::vector<ReportChoice> choices;
};

/// A table a report is built on (报表数据集), served by /api/v1/reports: named columns and the
/// rows the caller may see, filtered by the filters it declares (checked before `rows` runs).
/// `rows` returns one string per column, numbers and money as their decimal text.
struct ReportDataset {
  std::string key;
  std::string title_zh;
  std::string title_en;
  std::string permission;
  std::vector<ReportColumn> columns;
  std::vector<ReportFilter> filters;
  std::function<std::vector<std::vector<std::string>>(
      storage::Session&, const std::map<std::string, std::string>& filters, const Caller&)>
      rows;
};

/// The items of one extension point, each with the module that added it, in the order the
/// modules started. Filled while modules start (one thread); read-only afterwards, so any
/// thread may read it while the node serves.
template <typename T>
class Registry {
 public:
  struct Entry {
    std::string module;
    T item;
  };
  explicit Registry(std::string what) : what_(std::move(what)) {}

  /// Throws StartupError naming both modules when another item has the same key.
  void Add(const std::string& module, T item) {
    for (const auto& entry : entries_) {
      if (entry.item.key == item.key) {
        throw StartupError("module '" + module + "' adds " + what_ + " '" + item.key +
                           "', which module '" + entry.module + "' already added");
      }
    }
    entries_.push_back({module, std::move(item)});
  }
  const std::vector<Entry>& entries() const { return entries_; }

 private:
  std::string what_;
  std::vector<Entry> entries_;
};

/// Whether some module added an item with `key` to `registry`.
template <typename T>
bool Declares(const Registry<T>& registry, const std::string& key) {
  for (const auto& entry : registry.entries()) {
    if (entry.item.key == key) {
      return true;
    }
  }
  return false;
}

/// The title of the item with `key` in Chinese or English; `key` itself when no loaded module
/// declares it (a row synced from a node that runs a module this one does not).
template <typename T>
std::string TitleOf(const Registry<T>& registry, const std::string& key, bool english) {
  for (const auto& entry : registry.entries()) {
    if (entry.item.key == key) {
      return english ? entry.item.title_en : entry.item.title_zh;
    }
  }
  return key;
}

/// Objects a module offers to the modules that depend on it, found by type (the type lives in
/// the offering module's public header). Same threading as Registry.
class Services {
 public:
  /// Throws StartupError naming both modules when the type is already offered.
  template <typename T>
  void Provide(const std::string& module, std::shared_ptr<T> service) {
    const auto [found, added] = services_.emplace(std::type_index(typeid(T)),
                                                  Offered{module, std::move(service)});
    if (!added) {
      throw StartupError("module '" + module + "' offers a service that module '" +
                         found->second.module + "' already offers");
    }
  }
  /// The service, or null when no loaded module offers it.
  template <typename T>
  std::shared_ptr<T> Find() const {
    const auto found = services_.find(std::type_index(typeid(T)));
    return found == services_.end() ? nullptr
                                    : std::static_pointer_cast<T>(found->second.service);
  }

 private:
  struct Offered {
    std::string module;
    std::shared_ptr<void> service;
  };
  std::map<std::type_index, Offered> services_;
};

/// Every extension point of the platform. A module fills the ones it serves in `start`;
/// others read them while answering requests.
struct Extensions {
  Registry<CustomerFacet> customer_facets{"customer facet"};
  Registry<TimelineEventKind> timeline_kinds{"timeline event kind"};
  Registry<SearchProvider> search_providers{"search provider"};
  Registry<ReportDataset> report_datasets{"report dataset"};
  Services services;
};

}  // namespace mams::module
