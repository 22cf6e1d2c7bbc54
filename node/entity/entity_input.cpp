#include "node/entity/entity_input.h"

#include <Poco/JSON/Object.h>

#include <algorithm>
#include <stdexcept>

#include "node/common/errors.h"
#include "node/http/json.h"

namespace mams::entity {
namespace {

// Code points of UTF-8 text: every byte that does not continue a character.
std::size_t Characters(const std::string& text) {
  std::size_t count = 0;
  for (unsigned char c : text) {
    count += (c & 0xC0U) != 0x80U ? 1 : 0;
  }
  return count;
}

}  // namespace

void RequirePresent(std::string_view json, bool present) {
  if (!present) {
    throw ApiError(ErrorKind::kUnprocessable, "missing_field", std::string(json) + " is required",
                   std::string(json));
  }
}

void CheckLength(const EntityShape& shape, std::string_view json,
                 const std::optional<std::string>& value) {
  const FieldSpec* declared = shape.ByJson(json);
  if (declared == nullptr || declared->max_length == 0) {
    throw std::invalid_argument(shape.table() + ": no length declared for " + std::string(json));
  }
  if (!value) {
    return;
  }
  const FieldSpec& field = *declared;
  const std::size_t min = field.required ? 1 : 0;
  const std::size_t length = Characters(*value);
  if (length < min || length > field.max_length) {
    throw ApiError(ErrorKind::kUnprocessable, "invalid_" + field.json,
                   field.json + ": " + std::to_string(min) + "-" +
                       std::to_string(field.max_length) + " characters",
                   field.json)
        .With("min", std::to_string(min))
        .With("max", std::to_string(field.max_length));
  }
}

void CheckEnum(const EntityShape& shape, std::string_view json,
               const std::optional<std::string>& value, const std::string& code) {
  const FieldSpec* field = shape.ByJson(json);
  if (field == nullptr || field->enum_values.empty()) {
    throw std::invalid_argument(shape.table() + ": no values declared for " + std::string(json));
  }
  const auto& values = field->enum_values;
  if (!value || std::find(values.begin(), values.end(), *value) != values.end()) {
    return;
  }
  std::string message = field->json + ": ";
  for (std::size_t i = 0; i < values.size(); ++i) {
    message += (i == 0 ? "" : i + 1 == values.size() ? " or " : ", ") + values[i];
  }
  throw ApiError(ErrorKind::kUnprocessable, code.empty() ? "invalid_" + field->json : code, message,
                 field->json);
}

void CheckLength(const Patch& patch, std::string_view json) {
  CheckLength(patch.shape(), json, patch.Text(json));
}

void CheckEnum(const Patch& patch, std::string_view json, const std::string& code) {
  CheckEnum(patch.shape(), json, patch.Text(json), code);
}

void RequireComplete(const Patch& patch) {
  for (const auto& field : patch.shape().fields()) {
    if (field.input && field.required) {
      RequirePresent(field.json, patch.Has(field.json));
    }
  }
}

Patch ReadPatch(const EntityShape& shape, const Poco::JSON::Object& body) {
  http::RequireOnlyFields(body, shape.InputNames());
  Patch patch(shape);
  // Each optional: present members go into the patch, checked in declaration order.
  const auto keep = [&patch](const std::string& json, auto value) {
    if (value) {
      patch.Set(json, std::move(*value));
    }
  };
  for (const auto& field : shape.fields()) {
    if (!field.input) {
      continue;
    }
    switch (field.type) {
      case FieldType::kInteger:
      case FieldType::kMoney:
        keep(field.json, http::OptionalInt(body, field.json));
        break;
      case FieldType::kBool:
        keep(field.json, http::OptionalBool(body, field.json));
        break;
      case FieldType::kStringList:
        keep(field.json, http::OptionalStringList(body, field.json));
        break;
      default:
        keep(field.json, http::OptionalString(body, field.json));
        break;
    }
  }
  return patch;
}

Patch ReadPatch(const EntityShape& shape, const std::string& body_text) {
  return ReadPatch(shape, *http::ParseJsonObject(body_text));
}

}  // namespace mams::entity
