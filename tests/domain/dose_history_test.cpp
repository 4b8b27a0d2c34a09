// Which of a person's doses count for a date: those before it (a dose being
// judged) and those on or before it (status as of the date).
#include <gtest/gtest.h>

#include <vector>

#include "domain/schedule.hpp"

namespace phongdich {
namespace {

Date day(const char* iso) { return *Date::parse_iso(iso); }

TEST(DoseHistory, BeforeAndUntilADate) {
  std::vector<DoseRecord> history(3);
  history[0].date = day("2021-08-01");
  history[1].date = day("2021-09-01");
  history[2].date = day("2022-01-15");
  struct Row {
    const char* date;
    size_t before;  // doses dated before the date
    size_t until;   // doses dated on or before it
  };
  const Row rows[] = {
      {"2021-07-31", 0, 0}, {"2021-08-01", 0, 1}, {"2021-08-15", 1, 1},
      {"2021-09-01", 1, 2}, {"2022-01-15", 2, 3}, {"2023-01-01", 3, 3},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(doses_before(history, day(row.date)).size(), row.before) << row.date;
    EXPECT_EQ(doses_until(history, day(row.date)).size(), row.until) << row.date;
  }
  EXPECT_TRUE(doses_before({}, day("2022-01-01")).empty());
}

}  // namespace
}  // namespace phongdich
