// The accounts API's CustomerDirectory over CustomerService, for modules that depend on
// accounts (TMF629 and later interfaces).
#include "modules/accounts/api/customer_directory.h"

#include <stdexcept>

#include "modules/accounts/customers/customer_events.h"
#include "modules/accounts/customers/customer_repository.h"
#include "modules/accounts/customers/customer_service.h"
#include "node/common/clock.h"
#include "node/common/errors.h"
#include "node/config/node_config.h"
#include "node/module/module.h"

namespace mams::accounts {
namespace {

class ServiceDirectory final : public CustomerDirectory {
 public:
  ServiceDirectory(AccountsContext context, const module::Extensions& extensions)
      : context_(std::move(context)), service_(context_), extensions_(extensions) {}

  CreatedCustomer Create(const CustomerVisibility& visibility, const CustomerInput& input,
                         const audit::Actor& actor) override {
    return service_.Create(visibility, input, actor);
  }
  CustomerRecord Get(const CustomerVisibility& visibility, const std::string& id) override {
    return service_.Get(visibility, id);
  }
  CustomerPage Page(const CustomerVisibility& visibility, const CustomerFilter& filter,
                    const entity::ListWindow& window) override {
    return service_.Page(visibility, filter, window);
  }
  WrittenCustomer Update(const CustomerVisibility& visibility, const std::string& id,
                         const CustomerInput& input, std::optional<std::int64_t> if_match,
                         const audit::Actor& actor) override {
    return service_.Update(visibility, id, input, if_match, actor);
  }
  void Delete(const CustomerVisibility& visibility, const std::string& id,
              std::optional<std::int64_t> if_match, const audit::Actor& actor) override {
    service_.Delete(visibility, id, if_match, actor);
  }
  CustomerRecord ChangeState(const CustomerVisibility& visibility, const std::string& id,
                             const std::string& to, const std::string& reason,
                             std::optional<std::int64_t> if_match,
                             const audit::Actor& actor) override {
    return service_.ChangeState(visibility, id, to, reason, if_match, actor);
  }
  void AddTimelineEvent(storage::Session& session, const audit::Actor& actor,
                        const std::string& id, const std::string& kind,
                        const std::string& summary) override {
    if (!module::Declares(extensions_.timeline_kinds, kind)) {
      throw std::logic_error("timeline event kind '" + kind + "' is declared by no module");
    }
    const auto customer = CustomerRepository::FindUnscoped(session, id);
    if (!customer) {
      throw ApiError(ErrorKind::kNotFound, "not_found", "customer " + id + " not found");
    }
    CustomerEvent event;
    event.customer_id = id;
    event.at = FormatIsoUtc(context_.clock.NowMs());
    event.actor = actor.username;
    event.action = kind;
    event.summary = summary;
    CustomerEventRepository::Insert(session, event, customer->org_code, context_.node_id);
  }

 private:
  AccountsContext context_;  // the service holds a reference to it
  CustomerService service_;
  const module::Extensions& extensions_;
};

}  // namespace

std::shared_ptr<CustomerDirectory> OpenCustomerDirectory(module::ModuleContext& context) {
  return std::make_shared<ServiceDirectory>(
      AccountsContext{context.storage, context.clock, context.audit, context.config.node.id,
                      context.orgs, context.config.http.list_count_bound},
      context.extensions);
}

}  // namespace mams::accounts
