#include "synth/citizen_id_maker.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "domain/citizen_id.hpp"

namespace phongdich::synth {
namespace {

struct IdRow {
  const char* sex;
  int birth_year;
  uint32_t serial;
  const char* expected;
};

// Digit 4 = century and sex (Circular 07/2016/TT-BCA): 1900s male 0 / female 1, 2000s 2 / 3.
const IdRow kRows[] = {
    {"M", 1985, 123456, "079085123456"}, {"F", 1985, 123456, "079185123456"},
    {"M", 2004, 7, "079204000007"},      {"F", 2010, 999999, "079310999999"},
    {"M", 1900, 0, "079000000000"},      {"F", 1999, 42, "079199000042"},
};

TEST(CitizenIdMaker, DigitsFollowTheRule) {
  for (const auto& row : kRows) {
    const Sex sex = row.sex[0] == 'M' ? Sex::male : Sex::female;
    std::string id;
    append_citizen_id(id, "079", sex, row.birth_year, row.serial);
    EXPECT_EQ(id, row.expected) << row.sex << " " << row.birth_year;
    // Agrees with the domain's own validator.
    EXPECT_FALSE(check_citizen_id(id, sex, *Date::from_ymd(row.birth_year, 6, 1)).has_value())
        << id;
  }
}

TEST(CitizenIdMaker, ScrambleIsABijectionOfTheSixDigits) {
  for (uint64_t seed : {1ull, 42ull, 0xFFFFFFFFFFFFull}) {
    std::vector<bool> seen(kCitizenIdSerials, false);
    for (uint32_t rank = 0; rank < kCitizenIdSerials; ++rank) {
      const uint32_t serial = scramble_serial(rank, seed);
      ASSERT_LT(serial, kCitizenIdSerials);
      ASSERT_FALSE(seen[serial]) << "seed " << seed << " rank " << rank;
      seen[serial] = true;
    }
  }
}

TEST(CitizenIdMaker, NeighbouringRanksDoNotLookSequential) {
  int sequential = 0;
  for (uint32_t rank = 0; rank < 1000; ++rank) {
    if (scramble_serial(rank + 1, 7) == scramble_serial(rank, 7) + 1) ++sequential;
  }
  EXPECT_LT(sequential, 10);
}

}  // namespace
}  // namespace phongdich::synth
