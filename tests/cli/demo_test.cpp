// The quick start's main job: `phongdich demo` creates Quận 11 once and shows
// its situation in September 2022; a second run reuses the database.
#include <gtest/gtest.h>

#include "cli/cli_runner.hpp"

namespace phongdich::testing {
namespace {

TEST(Demo, CreatesQuan11OnceAndShowsCoverageAndDueLists) {
  CliTempDir dir;
  const std::vector<std::string> demo = {
      "--db", (dir / "var/demo.db").string(), "--today", "2026-11-23", "demo", "--due-rows", "3"};
  const CliResult first = run_cli(demo, dir.path());
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("Created the demo area"), std::string::npos);
  EXPECT_NE(first.out.find("Coverage of Quận 11 (vn2022:772) as of 2022-09-15"), std::string::npos);
  for (const char* target : {"T1", "T2", "T3", "T4", "T5", "T6"})
    EXPECT_NE(first.out.find(std::string("\n") + target + " "), std::string::npos) << target;
  // One due list per ward of the district (10 wards in the 2022 tree).
  size_t due_lists = 0;
  for (size_t at = first.out.find("Due list of "); at != std::string::npos;
       at = first.out.find("Due list of ", at + 1))
    ++due_lists;
  EXPECT_EQ(due_lists, 10u);
  // Quận 11's official population is the registration target's denominator.
  EXPECT_NE(first.out.find("209867"), std::string::npos);

  const CliResult second = run_cli(demo, dir.path());
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(second.out.find("Created the demo area"), std::string::npos);
  EXPECT_NE(second.out.find("Coverage of Quận 11"), std::string::npos);
}

}  // namespace
}  // namespace phongdich::testing
