// The roles a phongdich user can hold. Every user also holds one area and acts
// only inside its subtree (see access_policy.hpp).
#pragma once

#include <optional>
#include <string_view>

namespace phongdich {

enum class Role {
  commune_staff,     // health-station staff: their commune's people, doses, lists
  district_officer,  // district health centre: personal data and aggregates of the district
  province_officer,  // provincial CDC
  ministry,          // aggregates of everything, no personal records
  administrator,     // users and roles inside their area; no health records
  auditor,           // reads the audit trail of their area
  citizen,           // their own record only
};

inline constexpr Role kAllRoles[] = {
    Role::commune_staff, Role::district_officer, Role::province_officer, Role::ministry,
    Role::administrator, Role::auditor,          Role::citizen,
};

// Stable wire and storage names: "commune_staff", "district_officer", ...
std::string_view role_name(Role role);
std::optional<Role> parse_role(std::string_view name);

}  // namespace phongdich
