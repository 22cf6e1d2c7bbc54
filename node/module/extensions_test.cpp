#include "node/module/extensions.h"

#include <gtest/gtest.h>

namespace mams::module {
namespace {

struct Directory {
  int users = 3;
};

TEST(Extensions, ModulesFillExtensionPointsInStartOrderAndKeysAreUnique) {
  Extensions extensions;
  CustomerFacet tickets;
  tickets.key = "openTickets";
  tickets.recent_key = "recentTickets";
  tickets.read = [](storage::Session&, const std::string&, const Caller&) {
    return FacetValue{2, "[]"};
  };
  extensions.customer_facets.Add("service", tickets);
  extensions.customer_facets.Add("sales", CustomerFacet{"openOpportunities", "", "", "", "", nullptr});
  ASSERT_EQ(2u, extensions.customer_facets.entries().size());
  EXPECT_EQ("service", extensions.customer_facets.entries()[0].module);
  EXPECT_EQ("openOpportunities", extensions.customer_facets.entries()[1].item.key);
  try {
    extensions.customer_facets.Add("helpdesk", tickets);
    FAIL() << "a second facet with one key was accepted";
  } catch (const StartupError& e) {
    EXPECT_STREQ(
        "module 'helpdesk' adds customer facet 'openTickets', which module 'service' already "
        "added",
        e.what());
  }
  extensions.timeline_kinds.Add("service", {"ticket.opened", "工单创建", "Ticket opened"});
  EXPECT_THROW(extensions.timeline_kinds.Add("x", {"ticket.opened", "", ""}), StartupError);
  EXPECT_EQ(1u, extensions.timeline_kinds.entries().size());
  EXPECT_TRUE(extensions.search_providers.entries().empty());
  EXPECT_TRUE(extensions.report_datasets.entries().empty());
}

TEST(Extensions, ServicesAreFoundByTypeAndOfferedOnce) {
  Services services;
  EXPECT_EQ(nullptr, services.Find<Directory>());
  services.Provide("identity", std::make_shared<Directory>());
  const std::shared_ptr<Directory> found = services.Find<Directory>();
  EXPECT_EQ(3, found ? found->users : 0);
  try {
    services.Provide("other", std::make_shared<Directory>());
    FAIL() << "a second offer of one type was accepted";
  } catch (const StartupError& e) {
    EXPECT_STREQ("module 'other' offers a service that module 'identity' already offers",
                 e.what());
  }
}

}  // namespace
}  // namespace mams::module
