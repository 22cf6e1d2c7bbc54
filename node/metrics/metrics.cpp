#include "node/metrics/metrics.h"

#include <sstream>

namespace mams::metrics {
namespace {

// Upper bounds in seconds of the latency histogram buckets.
const std::vector<double> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                      0.1,    0.25,  0.5,    1.0,   2.5,  5.0,   10.0};

std::string Escape(const std::string& value) {
  std::string out;
  for (const char c : value) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
    }
    out.push_back(c == '\n' ? ' ' : c);
  }
  return out;
}

}  // namespace

Metrics::Metrics(std::vector<std::string> route_labels) {
  route_labels.push_back("- (unmatched)");
  for (const auto& label : route_labels) {
    auto stats = std::make_unique<RouteStats>();
    const auto space = label.find(' ');
    stats->method = label.substr(0, space);
    stats->route = space == std::string::npos ? "" : label.substr(space + 1);
    stats->buckets = std::vector<std::atomic<std::uint64_t>>(kBuckets.size());
    routes_.push_back(std::move(stats));
  }
}

void Metrics::ObserveRequest(std::size_t route_index, int status, double seconds) {
  RouteStats& stats = *routes_.at(route_index < routes_.size() ? route_index : unmatched_index());
  const int status_class = status / 100;
  if (status_class >= 1 && status_class <= 5) {
    stats.by_status[status_class - 1].fetch_add(1, std::memory_order_relaxed);
  }
  stats.count.fetch_add(1, std::memory_order_relaxed);
  stats.sum_micros.fetch_add(static_cast<std::uint64_t>(seconds * 1e6), std::memory_order_relaxed);
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) {
      stats.buckets[i].fetch_add(1, std::memory_order_relaxed);
      break;
    }
  }
}

void Metrics::AddGauge(std::string name, std::string help, std::function<double()> read) {
  std::lock_guard<std::mutex> lock(gauges_mutex_);
  gauges_.push_back({std::move(name), std::move(help), std::move(read)});
}

void Metrics::AddGaugeFamily(std::string name, std::string help, std::string label,
                             std::function<LabelledValues()> read) {
  std::lock_guard<std::mutex> lock(gauges_mutex_);
  families_.push_back({std::move(name), std::move(help), std::move(label), std::move(read)});
}

std::string Metrics::RenderPrometheus() const {
  std::ostringstream out;
  out << "# HELP mams_http_requests_total HTTP requests by route and status class.\n"
      << "# TYPE mams_http_requests_total counter\n";
  for (const auto& stats : routes_) {
    for (std::size_t c = 0; c < kStatusClasses; ++c) {
      const auto value = stats->by_status[c].load(std::memory_order_relaxed);
      if (value > 0) {
        out << "mams_http_requests_total{method=\"" << stats->method << "\",route=\""
            << Escape(stats->route) << "\",status=\"" << (c + 1) << "xx\"} " << value << "\n";
      }
    }
  }
  out << "# HELP mams_http_request_duration_seconds Time from request read to response ready to "
         "send.\n"
      << "# TYPE mams_http_request_duration_seconds histogram\n";
  for (const auto& stats : routes_) {
    const auto count = stats->count.load(std::memory_order_relaxed);
    if (count == 0) {
      continue;
    }
    const std::string labels =
        "method=\"" + stats->method + "\",route=\"" + Escape(stats->route) + "\"";
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += stats->buckets[i].load(std::memory_order_relaxed);
      out << "mams_http_request_duration_seconds_bucket{" << labels << ",le=\"" << kBuckets[i]
          << "\"} " << cumulative << "\n";
    }
    out << "mams_http_request_duration_seconds_bucket{" << labels << ",le=\"+Inf\"} " << count
        << "\n";
    out << "mams_http_request_duration_seconds_sum{" << labels << "} "
        << static_cast<double>(stats->sum_micros.load(std::memory_order_relaxed)) / 1e6 << "\n";
    out << "mams_http_request_duration_seconds_count{" << labels << "} " << count << "\n";
  }
  std::lock_guard<std::mutex> lock(gauges_mutex_);
  for (const auto& gauge : gauges_) {
    out << "# HELP " << gauge.name << " " << gauge.help << "\n"
        << "# TYPE " << gauge.name << " gauge\n"
        << gauge.name << " " << gauge.read() << "\n";
  }
  for (const auto& family : families_) {
    out << "# HELP " << family.name << " " << family.help << "\n"
        << "# TYPE " << family.name << " gauge\n";
    for (const auto& [label_value, value] : family.read()) {
      out << family.name << "{" << family.label << "=\"" << Escape(label_value) << "\"} " << value
          << "\n";
    }
  }
  return out.str();
}

Metrics::RequestTotals Metrics::Totals() const {
  RequestTotals totals;
  std::vector<std::uint64_t> buckets(kBuckets.size(), 0);
  std::uint64_t sum_micros = 0;
  for (const auto& stats : routes_) {
    totals.requests += stats->count.load(std::memory_order_relaxed);
    totals.client_errors += stats->by_status[3].load(std::memory_order_relaxed);
    totals.server_errors += stats->by_status[4].load(std::memory_order_relaxed);
    sum_micros += stats->sum_micros.load(std::memory_order_relaxed);
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      buckets[i] += stats->buckets[i].load(std::memory_order_relaxed);
    }
  }
  if (totals.requests == 0) {
    return totals;
  }
  totals.mean_ms = static_cast<double>(sum_micros) / 1000.0 / static_cast<double>(totals.requests);
  const auto quantile = [&](double q) {
    const double wanted = q * static_cast<double>(totals.requests);
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      seen += buckets[i];
      if (static_cast<double>(seen) >= wanted) {
        return kBuckets[i] * 1000.0;
      }
    }
    return kBuckets.back() * 1000.0;  // slower than the last bucket
  };
  totals.p50_ms = quantile(0.5);
  totals.p99_ms = quantile(0.99);
  return totals;
}

}  // namespace mams::metrics
