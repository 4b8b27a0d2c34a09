// The API's JSON shapes (docs/openapi.json, components.schemas) for the
// registry's values, and the readers of request bodies with field-level errors.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "api/json_writer.hpp"
#include "app/accounts.hpp"
#include "domain/area.hpp"
#include "domain/coverage.hpp"
#include "domain/due_list.hpp"
#include "domain/person.hpp"
#include "domain/schedule.hpp"
#include "domain/vaccination.hpp"
#include "store/store.hpp"

namespace phongdich::api {

using Json = nlohmann::json;

std::string area_ref(const AreaForest& areas, AreaId id);  // "vn2022:772", "" when unknown
Json area_json(const Area& area, const AreaForest& areas);
// The shapes most asked for, written without a tree of values (json_writer.hpp).
void write_person(JsonWriter& json, const StoredPerson& person, const AreaForest& areas);
void write_dose(JsonWriter& json, const DoseRecord& dose, const AreaForest& areas);
void write_status(JsonWriter& json, const StatusAsOf& status, Date as_of);
// write_status's shape as a value, for answers still built as a tree.
Json status_json(const StatusAsOf& status, Date as_of);
// A page of persons: {"items": [...], "limit", "offset", "next_offset"}.
std::string persons_page(const std::vector<StoredPerson>& persons, const AreaForest& areas,
                         size_t limit, size_t offset, std::optional<size_t> next_offset);
Json user_json(const User& user, const AreaForest& areas);
Json audit_json(const AuditEntry& entry, const AreaForest& areas);
Json coverage_json(const CoverageReport& report);
std::string iso_datetime(int64_t unix_ms);  // "2026-12-02T05:41:26Z"

// Dumps without throwing on invalid UTF-8 (replaced).
std::string dump(const Json& json);

// A request body as a JSON object; ApiError 400 request.json when it is not.
Json parse_body(const std::string& body);
// Field readers: absent → nullopt (or throw when required); wrong type → ApiError
// 400 request.field naming the field.
std::optional<std::string> string_field(const Json& body, const std::string& name,
                                        bool required = false);
std::optional<bool> bool_field(const Json& body, const std::string& name);
std::optional<int64_t> int_field(const Json& body, const std::string& name, bool required = false);
// Refuses fields the schema does not know (a misspelt field is not silently dropped).
void only_fields(const Json& body, std::initializer_list<const char*> known);

}  // namespace phongdich::api
