// Recording a dose: validated by the schedule rules in force on its date; a
// rejected dose answers with every broken rule; an override needs a role that
// may override and a written reason, and is kept with the dose and audited.
#include "api/api_error.hpp"
#include "api/api_service.hpp"
#include "api/json_codec.hpp"
#include "api/routes.hpp"

namespace phongdich::api {

namespace {

HttpResponse record_dose(RouteContext& context) {
  Registry& registry = context.registry();
  const PersonId id = id_param(context.params, "id");
  // The area alone decides access; the registry index has it without a read.
  const std::optional<AreaId> person_area = registry.area_of_person(id);
  if (!person_area) throw not_found("người", "Person");
  const std::string target = "person:" + std::to_string(id);
  const AreaId area = *person_area;
  context.require(Permission::write_personal, area, id, "dose.create", target);

  const Json body = parse_body(context.request.body);
  only_fields(body, {"date", "product", "site_area", "lot", "override"});
  RecordDoseRequest request;
  request.person_id = id;
  const std::string date_text = *string_field(body, "date", true);
  const auto date = Date::parse_iso(date_text);
  if (!date) throw bad_field("date", "ngày không hợp lệ (YYYY-MM-DD)", "invalid date (YYYY-MM-DD)");
  request.date = *date;
  request.product = *string_field(body, "product", true);
  request.lot = string_field(body, "lot").value_or("");
  request.source = "api";
  if (const auto site = string_field(body, "site_area")) {
    const Area& site_area = area_param(registry, *site);
    if (site_area.level != AreaLevel::commune) {
      throw bad_field("site_area", "phải là một xã/phường", "must be a commune");
    }
    request.site_area_id = site_area.id;
  }
  if (const auto it = body.find("override"); it != body.end() && !it->is_null()) {
    if (!it->is_object()) throw bad_field("override", "phải là đối tượng", "must be an object");
    only_fields(*it, {"reason"});
    const std::string reason = string_field(*it, "reason").value_or("");
    context.require(Permission::override_rules, area, id, "dose.override", target);
    request.override_rules = DoseOverride{context.user().username, reason};
  }

  const RecordDoseResult result = registry.record_dose(request, context.today);
  if (!result.stored) {
    context.audit("dose.create", target, area, "rejected", result.violations.front().code);
    throw rejected(result.violations);
  }
  if (result.dose.overridden) {
    context.audit("dose.override", target, area, "ok", result.dose.override_rule);
  }
  context.audit("dose.create", target, area, "ok", "dose:" + std::to_string(result.dose.id));
  std::string answer;
  JsonWriter json(answer);
  json.begin_object().key("dose");
  write_dose(json, result.dose, registry.areas());
  json.key("status");
  write_status(json, *result.status_after, context.today);
  json.end_object();
  return json_response(201, std::move(answer));
}

}  // namespace

void add_dose_routes(Router& router) {
  router.add(
      {"POST", "/api/v1/persons/{id}/doses", "write_personal", RouteAccess::checked, record_dose});
}

}  // namespace phongdich::api
