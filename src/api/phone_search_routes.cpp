// Finding a person by phone number inside a commune or a district: a health
// station gets calls from people who give a number, not a name. The store has
// no phone index (and src/store is not ours to change now), so this walks the
// area's members from the registry index and reads them in batches; that is
// why the area must be a commune or a district (≈ 10⁴–10⁵ persons, well under
// a second), never a province.
#include <algorithm>

#include "api/api_error.hpp"
#include "api/api_service.hpp"
#include "api/json_codec.hpp"
#include "api/routes.hpp"

namespace phongdich::api {

namespace {

// Digits only, a leading +84 written as the domestic 0: "+84 901-234-567" → "0901234567".
std::string phone_digits(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (c >= '0' && c <= '9') digits.push_back(c);
  }
  if (text.starts_with("+84") || (text.starts_with("84") && digits.size() == 11)) {
    digits = "0" + digits.substr(2);
  }
  return digits;
}

HttpResponse by_phone(RouteContext& context) {
  Registry& registry = context.registry();
  const Area& area = search_area(context);
  const std::string target = area_target(area);
  if (area.level != AreaLevel::commune && area.level != AreaLevel::district) {
    throw bad_field("area", "chọn một quận/huyện hoặc xã/phường để tìm theo số điện thoại",
                    "choose a district or a commune to search by phone");
  }
  const std::string wanted = phone_digits(context.request.param("phone").value_or(""));
  if (wanted.size() < 9 || wanted.size() > 15) {
    throw bad_field("phone", "9 đến 15 chữ số", "9 to 15 digits");
  }
  const size_t limit = limit_param(context.request, 50);

  RegistryIndex& index = registry.index();
  std::vector<PersonId> ids;
  for (uint16_t slot : registry.commune_slots_in(area)) {
    for (RegistryIndex::Slot member : index.persons_in_commune(slot))
      ids.push_back(index.person_id(member));
  }
  std::sort(ids.begin(), ids.end());
  std::vector<StoredPerson> found;
  constexpr size_t kBatch = 4096;
  for (size_t at = 0; at < ids.size() && found.size() < limit; at += kBatch) {
    const std::span<const PersonId> batch(ids.data() + at, std::min(kBatch, ids.size() - at));
    for (StoredPerson& person : context.store().persons_by_ids(batch)) {
      if (person.person.phone && phone_digits(*person.person.phone) == wanted) {
        found.push_back(std::move(person));
        if (found.size() >= limit) break;
      }
    }
  }
  context.audit("person.search", target, area.id, "ok",
                "by phone, " + std::to_string(found.size()) + " found");
  return json_response(200, persons_page(found, registry.areas(), limit, 0, std::nullopt));
}

}  // namespace

void add_phone_search_routes(Router& router) {
  router.add({"GET", "/api/v1/persons-by-phone", "read_personal", RouteAccess::checked, by_phone,
              StoreUse::reads});
}

}  // namespace phongdich::api
