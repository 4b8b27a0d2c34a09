// Commune care capacity against target T8 (500 households with a patient per
// 10,000 households, District 11 plan §I.2.3).
#include "domain/care_capacity.hpp"

#include <gtest/gtest.h>

namespace phongdich {
namespace {

TEST(CareCapacity, Table) {
  struct Row {
    int64_t capacity, households, with_patient;
    double capacity_per_10k;
    bool met, overloaded;
  };
  const Row rows[] = {
      {500, 10000, 0, 500, true, false},   // exactly the target
      {499, 10000, 0, 499, false, false},  // one short
      {300, 5000, 100, 600, true, false},  // a smaller commune
      {200, 5000, 250, 400, false, true},  // below the target and overloaded
      {1000, 12000, 1001, 833.3, true, true},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.capacity);
    const CareCapacity c =
        commune_care_capacity(row.capacity, row.households, row.with_patient, 500);
    ASSERT_TRUE(c.capacity_per_10k);
    EXPECT_NEAR(*c.capacity_per_10k, row.capacity_per_10k, 0.05);
    EXPECT_EQ(c.met, row.met);
    EXPECT_EQ(c.overloaded, row.overloaded);
    EXPECT_FALSE(c.text_vi.empty());
  }
}

TEST(CareCapacity, UnknownHouseholdsIsNotMet) {
  const CareCapacity c = commune_care_capacity(500, 0, 0, 500);
  EXPECT_FALSE(c.capacity_per_10k);
  EXPECT_FALSE(c.met);
  EXPECT_NE(c.text_en.find("unknown"), std::string::npos);
}

TEST(CareCapacity, TheTargetIsAParameter) {
  EXPECT_TRUE(commune_care_capacity(400, 10000, 0, 400).met);
  EXPECT_FALSE(commune_care_capacity(400, 10000, 0, 401).met);
}

}  // namespace
}  // namespace phongdich
