// The access policy as a table a health official can read: which role may do
// what, and where. The forest is a small copy of the real one: Hồ Chí Minh City
// with Quận 11 (Phường 15, Phường 16) and Quận 1 (Phường Bến Nghé) in the 2022
// tree, and a 2025 commune that now holds Phường 15 and Phường 16.
#include <gtest/gtest.h>

#include "domain/access_policy.hpp"

namespace phongdich {
namespace {

constexpr AreaId kNation = 1, kHcm = 79, kQuan11 = 772, kQuan1 = 760, kPhuong15 = 27208,
                 kPhuong16 = 27211, kBenNghe = 26740, kNation2025 = 2001, kHcm2025 = 2079,
                 kHoaBinh2025 = 227211;

AreaForest forest() {
  using L = AreaLevel;
  AreaForest f({
      {kNation, "vn2022", "VN", "Việt Nam", L::nation, std::nullopt, std::nullopt},
      {kHcm, "vn2022", "79", "Thành phố Hồ Chí Minh", L::province, kNation, std::nullopt},
      {kQuan11, "vn2022", "772", "Quận 11", L::district, kHcm, std::nullopt},
      {kQuan1, "vn2022", "760", "Quận 1", L::district, kHcm, std::nullopt},
      {kPhuong15, "vn2022", "27208", "Phường 15", L::commune, kQuan11, std::nullopt},
      {kPhuong16, "vn2022", "27211", "Phường 16", L::commune, kQuan11, std::nullopt},
      {kBenNghe, "vn2022", "26740", "Phường Bến Nghé", L::commune, kQuan1, std::nullopt},
      {kNation2025, "vn2025", "VN", "Việt Nam", L::nation, std::nullopt, std::nullopt},
      {kHcm2025, "vn2025", "79", "Thành phố Hồ Chí Minh", L::province, kNation2025, std::nullopt},
      {kHoaBinh2025, "vn2025", "27211", "Phường Hòa Bình", L::commune, kHcm2025, std::nullopt},
  });
  f.add_successor(kPhuong15, kHoaBinh2025);
  f.add_successor(kPhuong16, kHoaBinh2025);
  return f;
}

const char* answer(const AccessDecision& d) {
  switch (d.denial) {
    case Denial::none:
      return "allowed";
    case Denial::role_lacks_permission:
      return "role may not";
    case Denial::outside_area:
      return "outside area";
    case Denial::not_own_record:
      return "not own record";
  }
  return "?";
}

struct Row {
  Role role;
  AreaId user_area;
  Permission permission;
  AreaId target_area;
  std::optional<PersonId> target_person;
  const char* expected;
};

constexpr PersonId kOwnRecord = 501, kNeighbour = 502;

// clang-format off
const Row kRows[] = {
  // role                    user's area    permission                  target area   person       expected
  {Role::commune_staff,      kPhuong15,     Permission::read_personal,  kPhuong15,    kNeighbour,  "allowed"},
  {Role::commune_staff,      kPhuong15,     Permission::read_personal,  kPhuong16,    kNeighbour,  "outside area"},
  {Role::commune_staff,      kPhuong15,     Permission::write_personal, kPhuong15,    std::nullopt,"allowed"},
  {Role::commune_staff,      kPhuong15,     Permission::override_rules, kPhuong15,    kNeighbour,  "role may not"},
  {Role::commune_staff,      kPhuong15,     Permission::read_aggregate, kQuan11,      std::nullopt,"outside area"},
  {Role::commune_staff,      kPhuong15,     Permission::manage_users,   kPhuong15,    std::nullopt,"role may not"},
  {Role::commune_staff,      kPhuong15,     Permission::read_reference, kBenNghe,     std::nullopt,"allowed"},
  // A 2025 commune's staff see the records made in the 2022 wards it absorbed.
  {Role::commune_staff,      kHoaBinh2025,  Permission::read_personal,  kPhuong15,    kNeighbour,  "allowed"},
  {Role::commune_staff,      kHoaBinh2025,  Permission::read_personal,  kPhuong16,    kNeighbour,  "allowed"},
  {Role::commune_staff,      kHoaBinh2025,  Permission::read_personal,  kBenNghe,     kNeighbour,  "outside area"},
  {Role::district_officer,   kQuan11,       Permission::read_personal,  kPhuong16,    kNeighbour,  "allowed"},
  {Role::district_officer,   kQuan11,       Permission::override_rules, kPhuong15,    kNeighbour,  "allowed"},
  {Role::district_officer,   kQuan11,       Permission::read_aggregate, kQuan1,       std::nullopt,"outside area"},
  {Role::district_officer,   kQuan11,       Permission::read_aggregate, kHcm,         std::nullopt,"outside area"},
  {Role::province_officer,   kHcm,          Permission::read_personal,  kBenNghe,     kNeighbour,  "allowed"},
  {Role::province_officer,   kHcm,          Permission::read_aggregate, kHcm,         std::nullopt,"allowed"},
  // A 2022 province account holds the 2025 commune made of its wards.
  {Role::province_officer,   kHcm,          Permission::read_aggregate, kHoaBinh2025, std::nullopt,"allowed"},
  {Role::ministry,           kNation,       Permission::read_aggregate, kBenNghe,     std::nullopt,"allowed"},
  {Role::ministry,           kNation,       Permission::read_aggregate, kHoaBinh2025, std::nullopt,"allowed"},
  {Role::ministry,           kNation,       Permission::read_personal,  kBenNghe,     kNeighbour,  "role may not"},
  {Role::administrator,      kQuan11,       Permission::manage_users,   kPhuong15,    std::nullopt,"allowed"},
  {Role::administrator,      kQuan11,       Permission::manage_users,   kBenNghe,     std::nullopt,"outside area"},
  {Role::administrator,      kQuan11,       Permission::read_personal,  kPhuong15,    kNeighbour,  "role may not"},
  {Role::auditor,            kQuan11,       Permission::read_audit,     kPhuong15,    std::nullopt,"allowed"},
  {Role::auditor,            kQuan11,       Permission::read_personal,  kPhuong15,    kNeighbour,  "role may not"},
  {Role::citizen,            kPhuong15,     Permission::read_personal,  kPhuong15,    kOwnRecord,  "allowed"},
  {Role::citizen,            kPhuong15,     Permission::read_personal,  kPhuong15,    kNeighbour,  "not own record"},
  {Role::citizen,            kPhuong15,     Permission::read_personal,  kPhuong15,    std::nullopt,"not own record"},
  {Role::citizen,            kPhuong15,     Permission::write_personal, kPhuong15,    kOwnRecord,  "role may not"},
  {Role::citizen,            kPhuong15,     Permission::read_aggregate, kPhuong15,    std::nullopt,"role may not"},
  // Home-care checks: staff for their area; a patient for their own case only.
  {Role::commune_staff,      kPhuong15,     Permission::record_health_check, kPhuong15, kNeighbour, "allowed"},
  {Role::commune_staff,      kPhuong15,     Permission::record_health_check, kPhuong16, kNeighbour, "outside area"},
  {Role::citizen,            kPhuong15,     Permission::record_health_check, kPhuong15, kOwnRecord, "allowed"},
  {Role::citizen,            kPhuong15,     Permission::record_health_check, kPhuong15, kNeighbour, "not own record"},
  {Role::ministry,           kNation,       Permission::record_health_check, kPhuong15, kNeighbour, "role may not"},
};
// clang-format on

TEST(AccessPolicy, WhoMayDoWhatWhere) {
  const AreaForest areas = forest();
  for (const Row& row : kRows) {
    Subject subject{row.role, row.user_area, std::nullopt};
    if (row.role == Role::citizen) subject.person_id = kOwnRecord;
    const AccessDecision decision =
        decide(areas, subject, row.permission, row.target_area, row.target_person);
    EXPECT_STREQ(answer(decision), row.expected)
        << role_name(row.role) << " of area " << row.user_area << ": "
        << permission_name(row.permission) << " on area " << row.target_area;
  }
}

TEST(AccessPolicy, AnAreaOfTheOtherTreeIsInsideOnlyWhenAllItsCommunesAre) {
  const AreaForest areas = forest();
  EXPECT_TRUE(area_within(areas, kQuan11, kHoaBinh2025));     // both of its wards are in Quận 11
  EXPECT_FALSE(area_within(areas, kPhuong15, kHoaBinh2025));  // Phường 16 is not in Phường 15
  EXPECT_FALSE(area_within(areas, kQuan1, kHoaBinh2025));
  EXPECT_FALSE(area_within(areas, kQuan11, 999999));  // unknown areas are never inside
}

struct GrantRow {
  AreaId admin_area;
  Role role;
  AreaId area;
  const char* expected;
};

// clang-format off
const GrantRow kGrants[] = {
  // administrator of   grants                    in area     expected
  {kQuan11,             Role::commune_staff,      kPhuong15,  "allowed"},
  {kQuan11,             Role::district_officer,   kQuan11,    "allowed"},
  {kQuan11,             Role::commune_staff,      kBenNghe,   "outside area"},
  {kQuan11,             Role::province_officer,   kHcm,       "outside area"},
  // The ministry role sees the whole nation: only a nation-level administrator gives it.
  {kQuan11,             Role::ministry,           kQuan11,    "outside area"},
  {kNation,             Role::ministry,           kNation,    "allowed"},
};
// clang-format on

TEST(AccessPolicy, WhatAnAdministratorMayGrant) {
  const AreaForest areas = forest();
  for (const GrantRow& row : kGrants) {
    const Subject admin{Role::administrator, row.admin_area, std::nullopt};
    EXPECT_STREQ(answer(may_grant(areas, admin, row.role, row.area)), row.expected)
        << "administrator of " << row.admin_area << " grants " << role_name(row.role) << " in "
        << row.area;
  }
}

TEST(AccessPolicy, RoleNamesRoundTrip) {
  for (Role role : kAllRoles) EXPECT_EQ(parse_role(role_name(role)), role);
  EXPECT_FALSE(parse_role("superuser"));
}

}  // namespace
}  // namespace phongdich
