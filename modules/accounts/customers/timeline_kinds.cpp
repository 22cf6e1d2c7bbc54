#include "modules/accounts/customers/timeline_kinds.h"

namespace mams::accounts {

void AddTimelineKinds(const std::string& module, module::Registry<module::TimelineEventKind>* kinds) {
  static const module::TimelineEventKind kKinds[] = {
      {"customer.create", "新建客户", "Customer created"},
      {"customer.update", "修改资料", "Profile changed"},
      {"customer.delete", "删除客户", "Customer deleted"},
      {"customer.state_change", "状态变更", "State changed"},
      {"customer.merge", "合并客户", "Customers merged"},
      {"customer.merged_away", "并入其他客户", "Merged into another customer"},
      {"customer.regrade", "价值等级变更", "Value grade changed"},
      {"customer.import", "导入客户", "Customer imported"},
      {"contact.create", "新增联系人", "Contact added"},
      {"contact.update", "修改联系人", "Contact changed"},
      {"contact.delete", "删除联系人", "Contact removed"},
      {"contact.import", "导入联系人", "Contact imported"},
      {"visit.create", "新增走访记录", "Visit logged"},
      {"visit.update", "修改走访记录", "Visit changed"},
      {"visit.delete", "删除走访记录", "Visit removed"},
  };
  for (const auto& kind : kKinds) {
    kinds->Add(module, kind);
  }
}

}  // namespace mams::accounts
