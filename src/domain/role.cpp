#include "domain/role.hpp"

namespace phongdich {

std::string_view role_name(Role role) {
  switch (role) {
    case Role::commune_staff:
      return "commune_staff";
    case Role::district_officer:
      return "district_officer";
    case Role::province_officer:
      return "province_officer";
    case Role::ministry:
      return "ministry";
    case Role::administrator:
      return "administrator";
    case Role::auditor:
      return "auditor";
    case Role::citizen:
      return "citizen";
  }
  return "unknown";
}

std::optional<Role> parse_role(std::string_view name) {
  for (Role role : kAllRoles) {
    if (role_name(role) == name) return role;
  }
  return std::nullopt;
}

}  // namespace phongdich
