#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace mams::metrics {

/// Request counters and latency histograms per route, plus gauges read on scrape, rendered
/// as Prometheus text. Observing a request is lock-free (atomics indexed by route), so it
/// costs nothing noticeable on the hot path. Thread-safe.
class Metrics {
 public:
  /// `route_labels[i]` names route i ("GET /api/v1/orgs"); one extra slot counts requests
  /// that matched no route.
  explicit Metrics(std::vector<std::string> route_labels);

  std::size_t unmatched_index() const { return routes_.size() - 1; }
  void ObserveRequest(std::size_t route_index, int status, double seconds);

  /// A value sampled at scrape time, e.g. pool connections in use.
  void AddGauge(std::string name, std::string help, std::function<double()> read);

  /// Gauges of one name with a label each, e.g. per sync link: `read` returns
  /// {label value, value} pairs, rendered as name{label="value"}.
  using LabelledValues = std::vector<std::pair<std::string, double>>;
  void AddGaugeFamily(std::string name, std::string help, std::string label,
                      std::function<LabelledValues()> read);

  std::string RenderPrometheus() const;

  /// Every route's requests together, for the status page.
  struct RequestTotals {
    std::uint64_t requests = 0;
    std::uint64_t client_errors = 0;  ///< 4xx
    std::uint64_t server_errors = 0;  ///< 5xx
    double mean_ms = 0;
    double p50_ms = 0;  ///< upper bound of the histogram bucket holding the median
    double p99_ms = 0;
  };
  RequestTotals Totals() const;

 private:
  static constexpr std::size_t kStatusClasses = 5;  // 1xx..5xx
  struct RouteStats {
    std::string method;
    std::string route;
    std::atomic<std::uint64_t> by_status[kStatusClasses] = {};
    std::vector<std::atomic<std::uint64_t>> buckets;
    std::atomic<std::uint64_t> count{0};
    std::atomic<std::uint64_t> sum_micros{0};
  };
  struct Gauge {
    std::string name;
    std::string help;
    std::function<double()> read;
  };

  std::vector<std::unique_ptr<RouteStats>> routes_;
  mutable std::mutex gauges_mutex_;
  std::vector<Gauge> gauges_;
  struct GaugeFamily {
    std::string name;
    std::string help;
    std::string label;
    std::function<LabelledValues()> read;
  };
  std::vector<GaugeFamily> families_;
};

}  // namespace mams::metrics
