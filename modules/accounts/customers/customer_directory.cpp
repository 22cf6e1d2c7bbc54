// The accounts API's CustomerDirectory over CustomerService, for modules that depend on
// accounts (TMF629 and later interfaces).
#include "modules/accounts/api/customer_directory.h"

#include "modules/accounts/customers/customer_service.h"
#include "node/config/node_config.h"
#include "node/module/module.h"

namespace mams::accounts {
namespace {

class ServiceDirectory final : public CustomerDirectory {
 public:
  explicit ServiceDirectory(AccountsContext context)
      : context_(std::move(context)), service_(context_) {}

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

 private:
  AccountsContext context_;  // the service holds a reference to it
  CustomerService service_;
};

}  // namespace

std::shared_ptr<CustomerDirectory> OpenCustomerDirectory(module::ModuleContext& context) {
  return std::make_shared<ServiceDirectory>(AccountsContext{
      context.storage, context.clock, context.audit, context.config.node.id, context.orgs,
      context.config.http.list_count_bound});
}

}  // namespace mams::accounts
