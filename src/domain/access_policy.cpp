#include "domain/access_policy.hpp"

namespace phongdich {

std::string_view permission_name(Permission permission) {
  switch (permission) {
    case Permission::read_reference:
      return "read_reference";
    case Permission::read_aggregate:
      return "read_aggregate";
    case Permission::read_personal:
      return "read_personal";
    case Permission::write_personal:
      return "write_personal";
    case Permission::record_health_check:
      return "record_health_check";
    case Permission::override_rules:
      return "override_rules";
    case Permission::manage_users:
      return "manage_users";
    case Permission::read_audit:
      return "read_audit";
  }
  return "unknown";
}

bool role_has(Role role, Permission permission) {
  if (permission == Permission::read_reference) return true;
  switch (role) {
    case Role::commune_staff:
      return permission == Permission::read_aggregate || permission == Permission::read_personal ||
             permission == Permission::write_personal ||
             permission == Permission::record_health_check;
    case Role::district_officer:
    case Role::province_officer:
      // Overrides are a medical decision made above the station (docs/api.md).
      return permission == Permission::read_aggregate || permission == Permission::read_personal ||
             permission == Permission::write_personal || permission == Permission::override_rules ||
             permission == Permission::record_health_check;
    case Role::ministry:
      return permission == Permission::read_aggregate;
    case Role::administrator:
      return permission == Permission::manage_users;
    case Role::auditor:
      return permission == Permission::read_audit;
    case Role::citizen:
      return permission == Permission::read_personal ||
             permission == Permission::record_health_check;
  }
  return false;
}

namespace {

bool commune_within(const AreaForest& forest, const Area& scope, AreaId commune) {
  const auto counted_in = forest.commune_in_tree(commune, scope.tree);
  return counted_in && forest.contains(scope.id, *counted_in);
}

}  // namespace

bool area_within(const AreaForest& forest, AreaId scope_id, AreaId target_id) {
  const Area* scope = forest.find(scope_id);
  const Area* target = forest.find(target_id);
  if (scope == nullptr || target == nullptr) return false;
  if (forest.contains(scope_id, target_id)) return true;
  if (target->tree == scope->tree) return false;
  // The usual case: a record's (older) commune, carried into the scope's tree.
  if (target->level == AreaLevel::commune && forest.commune_in_tree(target_id, scope->tree)) {
    return commune_within(forest, *scope, target_id);
  }
  // An area of a newer tree seen from an older scope: inside when every older
  // commune whose records count in it lies inside the scope (the new tree's own
  // communes cannot be placed in the older tree and do not decide). Rare
  // (reports across a reorganisation), so a walk over the communes is affordable.
  bool any_commune = false;
  for (const Area& area : forest.all()) {
    if (area.level != AreaLevel::commune || area.tree != scope->tree) continue;
    const auto counted_in = forest.commune_in_tree(area.id, target->tree);
    if (!counted_in || !forest.contains(target_id, *counted_in)) continue;
    any_commune = true;
    if (!commune_within(forest, *scope, area.id)) return false;
  }
  return any_commune;
}

AccessDecision decide(const AreaForest& forest, const Subject& subject, Permission permission,
                      AreaId target_area, std::optional<PersonId> target_person) {
  if (!role_has(subject.role, permission)) return {Denial::role_lacks_permission};
  if (permission == Permission::read_reference) return {};
  if (subject.role == Role::citizen) {
    const bool own = subject.person_id && target_person && *subject.person_id == *target_person;
    return own ? AccessDecision{} : AccessDecision{Denial::not_own_record};
  }
  // The ministry sees aggregates of the whole nation, whatever area it is bound to.
  if (subject.role == Role::ministry) return {};
  if (!area_within(forest, subject.area_id, target_area)) return {Denial::outside_area};
  return {};
}

AccessDecision may_grant(const AreaForest& forest, const Subject& admin, Role role, AreaId area) {
  const AccessDecision base = decide(forest, admin, Permission::manage_users, area);
  if (!base.allowed()) return base;
  if (role == Role::ministry) {
    const Area* own = forest.find(admin.area_id);
    if (own == nullptr || own->parent_id) return {Denial::outside_area};
  }
  return {};
}

}  // namespace phongdich
