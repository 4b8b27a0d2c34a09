// The set of citizen IDs a first import keeps unique by itself.
#include <gtest/gtest.h>

#include "app/citizen_id_set.hpp"

namespace phongdich::testing {
namespace {

TEST(CitizenIdSet, AnIdIsInsertedOnce) {
  CitizenIdSet ids;
  EXPECT_FALSE(ids.contains("079080000001"));
  EXPECT_TRUE(ids.insert("079080000001"));
  EXPECT_FALSE(ids.insert("079080000001"));
  EXPECT_TRUE(ids.contains("079080000001"));
  EXPECT_FALSE(ids.contains("079080000002"));
  EXPECT_EQ(ids.size(), 1u);
}

TEST(CitizenIdSet, IdsThatDifferOnlyInLeadingZerosAreDifferent) {
  // As numbers some would be equal if the length were not fixed: only 12-digit
  // strings are kept as numbers, anything else as text.
  CitizenIdSet ids;
  EXPECT_TRUE(ids.insert("000000000001"));
  EXPECT_TRUE(ids.insert("00000000001"));
  EXPECT_TRUE(ids.insert("1"));
  EXPECT_TRUE(ids.insert("000000000000"));
  EXPECT_FALSE(ids.insert("00000000001"));
  EXPECT_TRUE(ids.contains("000000000000"));
  EXPECT_FALSE(ids.contains("01"));
  EXPECT_EQ(ids.size(), 4u);
}

TEST(CitizenIdSet, TextThatIsNotTwelveDigitsIsKeptAsText) {
  CitizenIdSet ids;
  EXPECT_TRUE(ids.insert("07908000000A"));
  EXPECT_FALSE(ids.insert("07908000000A"));
  EXPECT_TRUE(ids.contains("07908000000A"));
  EXPECT_FALSE(ids.contains("079080000000"));
  EXPECT_TRUE(ids.insert("999999999999"));  // the largest 12-digit number
  EXPECT_TRUE(ids.contains("999999999999"));
}

TEST(CitizenIdSet, EveryIdStaysFoundAsTheTableGrows) {
  // Consecutive numbers, as one province's IDs of one birth year are.
  CitizenIdSet ids;
  constexpr int kCount = 200'000;
  auto id = [](int i) {
    std::string digits = std::to_string(79'080'000'000LL + i);
    return std::string(12 - digits.size(), '0') + digits;
  };
  for (int i = 0; i < kCount; ++i) ASSERT_TRUE(ids.insert(id(i))) << id(i);
  EXPECT_EQ(ids.size(), static_cast<size_t>(kCount));
  for (int i = 0; i < kCount; ++i) ASSERT_FALSE(ids.insert(id(i))) << id(i);
  for (int i = kCount; i < kCount + 1000; ++i) ASSERT_FALSE(ids.contains(id(i))) << id(i);
}

}  // namespace
}  // namespace phongdich::testing
