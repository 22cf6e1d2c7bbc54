#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "node/entity/entity_shape.h"
#include "node/entity/json_sink.h"
#include "node/entity/patch.h"
#include "node/storage/result_set.h"

namespace mams::entity {

/// One line of an entity's field table: a FieldSpec and where the record keeps the value.
/// Declared with Of() or Computed() and the chained setters, e.g.
///   Field<ContactRecord>::Of("name", "name", &ContactRecord::name).Input().MaxLength(100)
template <typename Record>
class Field {
 public:
  using Member = std::variant<std::monostate, std::string Record::*,
                              std::optional<std::string> Record::*, std::int64_t Record::*,
                              int Record::*, bool Record::*, std::vector<std::string> Record::*>;
  using Compute = std::function<JsonValue(const Record&, const JsonOptions&)>;

  /// A field kept in `member`; stored in `column` unless empty, shown as `json` unless
  /// empty. The type follows the member (text, optional text stored nullable, integer,
  /// bool, string list) until Type() says more.
  template <typename T>
  static Field Of(std::string column, std::string json, T Record::*member) {
    Field field;
    field.spec_.column = std::move(column);
    field.spec_.json = std::move(json);
    field.member_ = member;
    if constexpr (std::is_same_v<T, std::optional<std::string>>) {
      field.spec_.nullable = true;
    } else if constexpr (std::is_same_v<T, std::int64_t> || std::is_same_v<T, int>) {
      field.spec_.type = FieldType::kInteger;
    } else if constexpr (std::is_same_v<T, bool>) {
      field.spec_.type = FieldType::kBool;
    } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
      field.spec_.type = FieldType::kStringList;
    }
    return field;
  }
  /// A JSON-only member computed from the record (a label, a flag derived from the clock).
  static Field Computed(std::string json, Compute compute) {
    Field field;
    field.spec_.json = std::move(json);
    field.compute_ = std::move(compute);
    return field;
  }

  /// A request-body member that is neither stored as such nor shown (a password, whose
  /// hash the service stores): only the allow-list and the type check see it.
  static Field Accepted(std::string json, FieldType type) {
    Field field;
    field.spec_.json = std::move(json);
    field.spec_.type = type;
    field.spec_.input = true;
    field.spec_.output = false;
    return field;
  }

  Field& Type(FieldType type) {
    spec_.type = type;
    return *this;
  }
  /// A kDate kept in a std::string is stored NULL when empty.
  Field& Nullable() {
    spec_.nullable = true;
    return *this;
  }
  Field& Input() {
    spec_.input = true;
    return *this;
  }
  Field& Required() {
    spec_.required = true;
    return *this;
  }
  Field& MaxLength(std::size_t characters) {
    spec_.max_length = characters;
    return *this;
  }
  Field& Enum(std::vector<std::string> values) {
    spec_.type = FieldType::kEnum;
    spec_.enum_values = std::move(values);
    return *this;
  }
  Field& Masked(Mask mask) {
    spec_.mask = mask;
    return *this;
  }
  Field& References(std::string table) {
    spec_.type = FieldType::kReference;
    spec_.reference = std::move(table);
    return *this;
  }
  Field& Headers(std::string zh, std::string en, std::vector<std::string> aliases = {}) {
    spec_.header_zh = std::move(zh);
    spec_.header_en = std::move(en);
    spec_.import_aliases = std::move(aliases);
    return *this;
  }
  /// Headers only for exports (a computed or derived column no import sets).
  Field& ExportOnly() {
    spec_.imported = false;
    return *this;
  }
  /// Headers only for imports.
  Field& ImportOnly() {
    spec_.exported = false;
    return *this;
  }
  Field& Sql(std::string type, std::string default_value = "") {
    spec_.sql_type = std::move(type);
    spec_.sql_default = std::move(default_value);
    return *this;
  }

  const FieldSpec& spec() const { return spec_; }

  /// The record's value as bound to its column.
  storage::SqlValue ToSql(const Record& record) const {
    return std::visit(
        [&](auto member) -> storage::SqlValue {
          using M = decltype(member);
          if constexpr (std::is_same_v<M, std::monostate>) {
            return nullptr;
          } else if constexpr (std::is_same_v<M, std::string Record::*>) {
            const std::string& text = record.*member;
            if (spec_.nullable && text.empty()) {
              return nullptr;
            }
            return text;
          } else if constexpr (std::is_same_v<M, std::optional<std::string> Record::*>) {
            const auto& text = record.*member;
            return text ? storage::SqlValue(*text) : storage::SqlValue(nullptr);
          } else if constexpr (std::is_same_v<M, bool Record::*>) {
            return std::int64_t{(record.*member) ? 1 : 0};
          } else if constexpr (std::is_same_v<M, std::vector<std::string> Record::*>) {
            return JoinList(record.*member);
          } else {
            return std::int64_t{record.*member};
          }
        },
        member_);
  }

  /// Copies column `column` of `row` into the record (NULL text reads as empty).
  template <typename RowLike>
  void FromRow(const RowLike& row, std::size_t column, Record* record) const {
    std::visit(
        [&](auto member) {
          using M = decltype(member);
          if constexpr (std::is_same_v<M, std::monostate>) {
          } else if constexpr (std::is_same_v<M, std::string Record::*>) {
            // Assigned in place (a reused record keeps its buffers); NULL reads as empty.
            (record->*member).assign(row.Text(column));
          } else if constexpr (std::is_same_v<M, std::optional<std::string> Record::*>) {
            record->*member = row.OptionalText(column);
          } else if constexpr (std::is_same_v<M, bool Record::*>) {
            record->*member = row.Int(column) != 0;
          } else if constexpr (std::is_same_v<M, std::vector<std::string> Record::*>) {
            record->*member = SplitList(row.Text(column));
          } else if constexpr (std::is_same_v<M, int Record::*>) {
            record->*member = static_cast<int>(row.Int(column));
          } else {
            record->*member = row.Int(column);
          }
        },
        member_);
  }

  /// Copies an input value of this field's type (Patch checked it) into the member; a
  /// field without a member (an accepted or computed input) takes nothing.
  void Assign(const InputValue& value, Record* record) const {
    std::visit(
        [&](auto member) {
          using M = decltype(member);
          if constexpr (std::is_same_v<M, std::monostate>) {
          } else if constexpr (std::is_same_v<M, std::string Record::*> ||
                               std::is_same_v<M, std::optional<std::string> Record::*>) {
            record->*member = std::get<std::string>(value);
          } else if constexpr (std::is_same_v<M, bool Record::*>) {
            record->*member = std::get<bool>(value);
          } else if constexpr (std::is_same_v<M, std::vector<std::string> Record::*>) {
            record->*member = std::get<std::vector<std::string>>(value);
          } else if constexpr (std::is_same_v<M, int Record::*>) {
            record->*member = static_cast<int>(std::get<std::int64_t>(value));
          } else {
            record->*member = std::get<std::int64_t>(value);
          }
        },
        member_);
  }

  /// Writes the member under its JSON name, masked when the options say so.
  void WriteJson(JsonSink& sink, const Record& record, const JsonOptions& options) const {
    if (spec_.json.empty() || !spec_.output) {
      return;
    }
    if (compute_) {
      sink.Value(spec_.json, compute_(record, options));
      return;
    }
    const bool mask = spec_.mask != Mask::kNone && !options.show_pii;
    std::visit(
        [&](auto member) {
          using M = decltype(member);
          if constexpr (std::is_same_v<M, std::monostate>) {
            sink.Null(spec_.json);
          } else if constexpr (std::is_same_v<M, std::string Record::*>) {
            if (mask) {
              sink.String(spec_.json, ApplyMask(spec_.mask, record.*member));
            } else {
              sink.String(spec_.json, record.*member);
            }
          } else if constexpr (std::is_same_v<M, std::optional<std::string> Record::*>) {
            const auto& text = record.*member;
            if (!text) {
              sink.Null(spec_.json);
            } else {
              sink.String(spec_.json, mask ? ApplyMask(spec_.mask, *text) : *text);
            }
          } else if constexpr (std::is_same_v<M, bool Record::*>) {
            sink.Bool(spec_.json, record.*member);
          } else if constexpr (std::is_same_v<M, std::vector<std::string> Record::*>) {
            sink.StringList(spec_.json, record.*member);
          } else {
            sink.Int(spec_.json, record.*member);
          }
        },
        member_);
  }

 private:
  Field() = default;

  FieldSpec spec_;
  Member member_;
  Compute compute_;
};

/// An entity declared once: its table, sync mode and field table. Derives the SELECT list
/// and row reading by column name, bound values for writes, and the JSON; EntityShape (via
/// shape()) derives DDL, OpenAPI, the input allow-list and import/export headers.
/// Immutable once built; thread-safe to share (declare one as a function-local static).
template <typename Record>
class Entity {
 public:
  Entity(std::string table, Sync sync, std::vector<Field<Record>> fields)
      : shape_(std::move(table), sync, SpecsOf(fields)), fields_(std::move(fields)) {
    for (std::size_t i = 0; i < fields_.size(); ++i) {
      if (!fields_[i].spec().column.empty()) {
        stored_.push_back(i);
      }
    }
  }

  /// A record that is no table's row (a line of a report, an aggregate of a query): its
  /// columns, where it declares any, name the result columns of the statements that read it.
  explicit Entity(std::vector<Field<Record>> fields)
      : Entity(std::string(), Sync::kNone, std::move(fields)) {}

  const EntityShape& shape() const { return shape_; }
  const std::string& table() const { return shape_.table(); }
  /// "SELECT a, b, c FROM table": the statement Read(RowView) expects a row of (further
  /// columns may follow the declared ones).
  const std::string& SelectSql() const { return shape_.SelectSql(); }

  /// A row of any statement whose result names the declared columns, read by name.
  void Read(const storage::Row& row, Record* record) const {
    for (std::size_t i : stored_) {
      fields_[i].FromRow(row, row.Column(fields_[i].spec().column), record);
    }
  }
  Record Read(const storage::Row& row) const {
    Record record;
    Read(row, &record);
    return record;
  }
  /// A row of SelectSql() while it runs (Session::QueryRows): columns in declared order.
  void Read(const storage::RowView& row, Record* record) const {
    for (std::size_t position = 0; position < stored_.size(); ++position) {
      fields_[stored_[position]].FromRow(row, position, record);
    }
  }

  /// The values of `columns` (declared column names) in that order, for a write statement.
  /// Throws std::invalid_argument for a name the entity does not declare (a defect).
  storage::SqlParams Values(const Record& record, const std::vector<std::string>& columns) const {
    storage::SqlParams values;
    values.reserve(columns.size());
    for (const auto& column : columns) {
      values.push_back(FieldOfColumn(column).ToSql(record));
    }
    return values;
  }

  /// The values of shape().WrittenColumns(), for an insert.
  storage::SqlParams WrittenValues(const Record& record) const {
    return Values(record, shape_.WrittenColumns());
  }

  /// Copies the members `patch` sets into the record's fields (an update's PATCH, a
  /// create's fields over the record's defaults); absent members keep their value.
  void Apply(const Patch& patch, Record* record) const {
    for (const auto& field : fields_) {
      const auto found = patch.values().find(field.spec().json);
      if (field.spec().input && found != patch.values().end()) {
        field.Assign(found->second, record);
      }
    }
  }

  /// The entity's JSON members, in declaration order, into `sink`.
  void WriteJson(JsonSink& sink, const Record& record, const JsonOptions& options = {}) const {
    for (const auto& field : fields_) {
      field.WriteJson(sink, record, options);
    }
  }

  /// Only the members named in `names` (declared JSON names), in that order: a brief form of
  /// the record (a list entry, an audit image). Throws std::invalid_argument for a name the
  /// entity does not declare (a defect).
  void WriteJsonOf(JsonSink& sink, const Record& record, const std::vector<std::string>& names,
                   const JsonOptions& options = {}) const {
    for (const auto& name : names) {
      FieldOfJson(name).WriteJson(sink, record, options);
    }
  }

 private:
  static std::vector<FieldSpec> SpecsOf(const std::vector<Field<Record>>& fields) {
    std::vector<FieldSpec> specs;
    specs.reserve(fields.size());
    for (const auto& field : fields) {
      specs.push_back(field.spec());
    }
    return specs;
  }
  const Field<Record>& FieldOfColumn(const std::string& column) const {
    for (std::size_t i : stored_) {
      if (fields_[i].spec().column == column) {
        return fields_[i];
      }
    }
    throw std::invalid_argument(table() + ": no declared column " + column);
  }

  const Field<Record>& FieldOfJson(const std::string& name) const {
    for (const auto& field : fields_) {
      if (field.spec().json == name) {
        return field;
      }
    }
    throw std::invalid_argument(table() + ": no declared JSON member " + name);
  }

  EntityShape shape_;
  std::vector<Field<Record>> fields_;
  std::vector<std::size_t> stored_;  ///< indices of fields with a column, declared order
};

}  // namespace mams::entity
