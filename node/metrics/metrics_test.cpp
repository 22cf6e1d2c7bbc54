#include "node/metrics/metrics.h"

#include <gtest/gtest.h>

namespace mams::metrics {
namespace {

TEST(Metrics, CountsByRouteAndStatusClassWithHistogram) {
  Metrics metrics({"GET /a", "POST /b/{id}"});
  metrics.ObserveRequest(0, 200, 0.0004);
  metrics.ObserveRequest(0, 204, 0.003);
  metrics.ObserveRequest(1, 422, 2.0);
  metrics.ObserveRequest(metrics.unmatched_index(), 404, 0.0001);
  const std::string text = metrics.RenderPrometheus();
  EXPECT_NE(std::string::npos, text.find("mams_http_requests_total{method=\"GET\",route=\"/a\",status=\"2xx\"} 2"));
  EXPECT_NE(std::string::npos, text.find("mams_http_requests_total{method=\"POST\",route=\"/b/{id}\",status=\"4xx\"} 1"));
  EXPECT_NE(std::string::npos, text.find("route=\"(unmatched)\",status=\"4xx\"} 1"));
  EXPECT_NE(std::string::npos, text.find("mams_http_request_duration_seconds_bucket{method=\"GET\",route=\"/a\",le=\"0.0005\"} 1"));
  EXPECT_NE(std::string::npos, text.find("mams_http_request_duration_seconds_bucket{method=\"GET\",route=\"/a\",le=\"0.005\"} 2"));
  EXPECT_NE(std::string::npos, text.find("mams_http_request_duration_seconds_count{method=\"POST\",route=\"/b/{id}\"} 1"));
}

TEST(Metrics, GaugesAreReadAtRenderTime) {
  Metrics metrics({});
  double value = 1;
  metrics.AddGauge("mams_test_gauge", "A test gauge.", [&value] { return value; });
  value = 7;
  EXPECT_NE(std::string::npos, metrics.RenderPrometheus().find("mams_test_gauge 7\n"));
}

TEST(Metrics, GaugeFamiliesCarryOneLabelPerValue) {
  Metrics metrics({});
  metrics.AddGaugeFamily("mams_test_lag", "Lag per link.", "peer", [] {
    return Metrics::LabelledValues{{"gd-province", 3}, {"bj\"x", 0}};
  });
  const std::string text = metrics.RenderPrometheus();
  EXPECT_NE(std::string::npos, text.find("# TYPE mams_test_lag gauge\n"));
  EXPECT_NE(std::string::npos, text.find("mams_test_lag{peer=\"gd-province\"} 3\n"));
  EXPECT_NE(std::string::npos, text.find("mams_test_lag{peer=\"bj\\\"x\"} 0\n"));
}

}  // namespace
}  // namespace mams::metrics
