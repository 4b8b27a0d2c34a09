// Who may do what, where: the one place that decides access. Every API endpoint
// names the permission it needs and the area (and person) it touches; this
// decides. Pure: the forest is passed in, nothing is read.
#pragma once

#include <optional>
#include <string_view>

#include "domain/area.hpp"
#include "domain/person.hpp"
#include "domain/role.hpp"

namespace phongdich {

enum class Permission {
  read_reference,  // the administrative tree, the rules: public reference data
  read_aggregate,  // coverage and counts of an area
  read_personal,   // persons, doses, status, search, due lists
  write_personal,  // register persons, record doses, imports
  // Enter a home-care check: staff for their area, a citizen for their own case
  // (4038 → 261/QĐ-BYT let the patient report by phone).
  record_health_check,
  override_rules,  // record a dose that breaks a schedule rule, with a reason
  manage_users,    // create users, change roles, unlock
  read_audit,      // search the audit trail
};

std::string_view permission_name(Permission permission);

// The acting user, as far as access is concerned.
struct Subject {
  Role role = Role::citizen;
  AreaId area_id = 0;                 // the root of the subtree the user acts in
  std::optional<PersonId> person_id;  // a citizen's own record
};

enum class Denial {
  none,
  role_lacks_permission,  // 403: this role never does this
  outside_area,           // 403: the target lies outside the user's subtree
  not_own_record,         // 403: a citizen asked for someone else's record
};

struct AccessDecision {
  Denial denial = Denial::none;
  bool allowed() const { return denial == Denial::none; }
};

bool role_has(Role role, Permission permission);

// True when records of `target` count inside `scope`. Across trees (a 2025
// commune user, a record made in a 2022 ward) the record counts where the
// commune that holds it now lies; an area of another tree is inside when every
// one of its communes is.
bool area_within(const AreaForest& forest, AreaId scope, AreaId target);

// `target_area` is the area of the data touched (a person's commune, a report's
// area, a user's area); `target_person` the person, for personal data.
AccessDecision decide(const AreaForest& forest, const Subject& subject, Permission permission,
                      AreaId target_area, std::optional<PersonId> target_person = std::nullopt);

// Whether `admin` may give `role` bound to `area` (create a user, change a role):
// only inside the administrator's own subtree, and the ministry role, which
// sees the whole nation, only by an administrator bound to a tree's root.
AccessDecision may_grant(const AreaForest& forest, const Subject& admin, Role role, AreaId area);

}  // namespace phongdich
