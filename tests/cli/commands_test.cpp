// The phongdich command as a script or a clerk uses it: help, exit codes,
// messages in both languages, and JSON / CSV output that parses.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "cli/cli_runner.hpp"
#include "domain/citizen_id.hpp"

namespace phongdich::testing {
namespace {

// Exit codes of src/cli/context.hpp, spelled out as scripts rely on them.
constexpr int kOk = 0, kRejected = 1, kUsage = 2, kNotFound = 3;

class Cli : public ::testing::Test {
 protected:
  // Every run uses this test's own database and a fixed "today".
  CliResult run(std::vector<std::string> args) {
    std::vector<std::string> all = {"--db", (dir_ / "cli.db").string(), "--today", "2022-09-30"};
    all.insert(all.end(), args.begin(), args.end());
    return run_cli(all, dir_.path());
  }

  // Registers a person through the command; returns the new id.
  int64_t add_person(const std::string& name, const std::string& sex, const std::string& birth,
                     std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"--format",     "json", "person",    "add",
                                     "--name",       name,   "--sex",     sex,
                                     "--birth-date", birth,  "--commune", "27208"};
    args.insert(args.end(), extra.begin(), extra.end());
    const CliResult r = run(args);
    EXPECT_EQ(r.exit_code, kOk) << r.err;
    const auto json = nlohmann::json::parse(r.out);
    return json.at(0).at("person_id").get<int64_t>();
  }

  CliResult add_dose(int64_t person, const std::string& date, const std::string& product,
                     std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"dose",   "add", "--person",  std::to_string(person),
                                     "--date", date,  "--product", product};
    args.insert(args.end(), extra.begin(), extra.end());
    return run(args);
  }

  CliTempDir dir_;
};

TEST_F(Cli, HelpOnEverySubcommandExitsZero) {
  const std::vector<std::vector<std::string>> commands = {
      {},
      {"area"},
      {"area", "list"},
      {"area", "show"},
      {"person"},
      {"person", "add"},
      {"person", "show"},
      {"person", "search"},
      {"person", "link-id"},
      {"dose"},
      {"dose", "add"},
      {"status"},
      {"coverage"},
      {"due"},
      {"import"},
      {"import", "persons"},
      {"import", "doses"},
      {"generate"},
      {"demo"},
      {"rules"},
  };
  for (std::vector<std::string> command : commands) {
    std::string shown = "phongdich";
    for (const auto& word : command) shown += " " + word;
    command.push_back("--help");
    const CliResult r = run_cli(command, dir_.path());
    EXPECT_EQ(r.exit_code, kOk) << shown << "\n" << r.err;
    EXPECT_NE(r.out.find("Usage"), std::string::npos) << shown << "\n" << r.out;
  }
}

TEST_F(Cli, UsageErrorsExitTwo) {
  const std::vector<std::vector<std::string>> commands = {
      {"frobnicate"},                                // no such subcommand
      {"person", "add", "--name", "Nguyễn Văn An"},  // required options missing
      {"coverage"},                                  // no area
      {"--format", "xml", "area", "show", "vn2022:27208"},
      {"status", "1", "--as-of", "2022-13-45"},  // not a date
      {"due", "vn2022:772"},                     // a district, not a commune
  };
  for (const auto& command : commands) {
    const CliResult r = run(command);
    std::string shown;
    for (const auto& word : command) shown += " " + word;
    EXPECT_EQ(r.exit_code, kUsage) << shown << "\n" << r.err;
    EXPECT_FALSE(r.err.empty()) << shown;
  }
}

TEST_F(Cli, PersonAddPrintsTheNewIdAsJson) {
  const int64_t first = add_person("Nguyễn Văn An", "M", "1980-01-01");
  const int64_t second = add_person("Trần Thị Bích", "F", "1985-02-02",
                                    {"--citizen-id", "079185000123", "--comorbidities", "1;14"});
  EXPECT_GT(first, 0);
  EXPECT_EQ(second, first + 1);
  const CliResult shown = run({"--format", "json", "person", "show", std::to_string(second)});
  ASSERT_EQ(shown.exit_code, kOk) << shown.err;
  const auto json = nlohmann::json::parse(shown.out);
  EXPECT_EQ(json.at(0).at("name"), "Trần Thị Bích");
  EXPECT_EQ(json.at(0).at("citizen_id"), "079185000123");
  EXPECT_EQ(json.at(0).at("high_risk"), "yes");
  EXPECT_EQ(json.at(0).at("commune"), "Phường 15");
}

TEST_F(Cli, PersonAddRejectedExitsOneWithBothLanguagesOnStderr) {
  // The citizen ID says born in '99; the person was born in 1960.
  const CliResult r = run({"person", "add", "--name", "Lê Văn Cường", "--sex", "M", "--birth-date",
                           "1960-05-05", "--commune", "27208", "--citizen-id", "079099000101"});
  EXPECT_EQ(r.exit_code, kRejected);
  const auto expected = check_citizen_id("079099000101", Sex::male, *Date::from_ymd(1960, 5, 5));
  ASSERT_TRUE(expected);
  EXPECT_NE(r.err.find(expected->code), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(expected->message_vi), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(expected->message_en), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;

  // Nothing was stored: the next person gets id 1.
  EXPECT_EQ(add_person("Lê Văn Cường", "M", "1960-05-05"), 1);
}

TEST_F(Cli, PersonAddWithAnUnknownCommuneIsRejected) {
  const CliResult r = run({"person", "add", "--name", "Hồ Thị Lan", "--sex", "F", "--birth-date",
                           "1980-01-01", "--commune", "99999"});
  EXPECT_EQ(r.exit_code, kRejected);
  EXPECT_NE(r.err.find("person.commune.unknown"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("không có trong danh mục"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("is not in the area list"), std::string::npos) << r.err;
}

TEST_F(Cli, DoseAddAcceptsAndRejects) {
  const int64_t id = add_person("Ngô Thị Lan", "F", "1980-01-01");
  EXPECT_EQ(add_dose(id, "2021-08-01", "PFIZER").exit_code, kOk);

  const CliResult too_soon = add_dose(id, "2021-08-10", "PFIZER");
  EXPECT_EQ(too_soon.exit_code, kRejected);
  EXPECT_NE(too_soon.err.find("dose.interval.too_short"), std::string::npos) << too_soon.err;

  const CliResult no_reason = add_dose(id, "2021-08-10", "PFIZER", {"--override-by", "bs.hoa"});
  EXPECT_EQ(no_reason.exit_code, kRejected);
  EXPECT_NE(no_reason.err.find("dose.override.reason_required"), std::string::npos);

  const CliResult overridden =
      add_dose(id, "2021-08-10", "PFIZER",
               {"--override-by", "bs.hoa", "--override-reason", "Đi công tác", "--format", "json"});
  EXPECT_EQ(overridden.exit_code, kOk) << overridden.err;
  const auto dose = nlohmann::json::parse(overridden.out).at(0);
  EXPECT_EQ(dose.at("overridden"), "yes");
  EXPECT_EQ(dose.at("override_reason"), "Đi công tác");

  EXPECT_EQ(add_dose(id, "2021-08-01", "NOT_A_VACCINE").exit_code, kRejected);
  EXPECT_EQ(add_dose(999, "2021-08-01", "PFIZER").exit_code, kNotFound);

  const CliResult status = run({"--format", "json", "status", std::to_string(id)});
  ASSERT_EQ(status.exit_code, kOk) << status.err;
  EXPECT_EQ(nlohmann::json::parse(status.out).at(0).at("doses"), 2);
}

TEST_F(Cli, StatusOfAnUnknownPersonExitsThree) {
  const CliResult r = run({"status", "424242"});
  EXPECT_EQ(r.exit_code, kNotFound);
  EXPECT_NE(r.err.find("424242"), std::string::npos) << r.err;
  EXPECT_EQ(run({"person", "show", "424242"}).exit_code, kNotFound);
  EXPECT_EQ(run({"coverage", "vn2022:00000"}).exit_code, kNotFound);
}

TEST_F(Cli, StatusAsOfADate) {
  const int64_t id = add_person("Phan Văn Tài", "M", "1980-01-01");
  ASSERT_EQ(add_dose(id, "2021-08-01", "PFIZER").exit_code, kOk);
  ASSERT_EQ(add_dose(id, "2021-08-22", "PFIZER").exit_code, kOk);
  const auto status_on = [&](const std::string& as_of) {
    const CliResult r = run({"--format", "json", "status", std::to_string(id), "--as-of", as_of});
    EXPECT_EQ(r.exit_code, kOk) << r.err;
    return nlohmann::json::parse(r.out).at(0).at("status").get<std::string>();
  };
  EXPECT_EQ(status_on("2021-07-01"), "none");
  EXPECT_EQ(status_on("2021-08-10"), "partial");
  EXPECT_EQ(status_on("2022-09-01"), "primary_complete");
}

TEST_F(Cli, CoverageAsJsonListsTargetsT1ToT6) {
  const int64_t id = add_person("Nguyễn Văn An", "M", "1960-01-01");
  ASSERT_EQ(add_dose(id, "2021-08-01", "PFIZER").exit_code, kOk);
  ASSERT_EQ(add_dose(id, "2021-08-22", "PFIZER").exit_code, kOk);
  ASSERT_EQ(add_dose(id, "2022-01-10", "PFIZER").exit_code, kOk);
  add_person("Trần Thị Bích", "F", "1962-01-01");

  const CliResult r = run({"coverage", "vn2022:772", "--as-of", "2022-09-15", "--format", "json"});
  ASSERT_EQ(r.exit_code, kOk) << r.err;
  const auto json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json.at("area").at("name"), "Quận 11");
  EXPECT_EQ(json.at("as_of"), "2022-09-15");
  std::set<std::string> ids;
  for (const auto& t : json.at("targets")) {
    ids.insert(t.at("target").get<std::string>());
    if (t.at("target") == "T1") {
      EXPECT_EQ(t.at("numerator"), 1);
      EXPECT_EQ(t.at("denominator"), 2);
      EXPECT_EQ(t.at("gap_people"), 1);
    }
  }
  EXPECT_EQ(ids, (std::set<std::string>{"T1", "T2", "T3", "T4", "T5", "T6"}));

  // Before the booster, nobody counted for T1.
  const auto earlier = nlohmann::json::parse(
      run({"coverage", "vn2022:772", "--as-of", "2021-12-31", "--format", "json"}).out);
  for (const auto& t : earlier.at("targets"))
    if (t.at("target") == "T1") {
      EXPECT_EQ(t.at("numerator"), 0);
    }
}

TEST_F(Cli, DueListAsCsvHasTheHeader) {
  const int64_t id = add_person("Lê Văn Trễ", "M", "1992-03-03", {"--home-visit"});
  ASSERT_EQ(add_dose(id, "2022-06-01", "PFIZER").exit_code, kOk);
  const CliResult r = run({"due", "vn2022:27208", "--as-of", "2022-09-15", "--format", "csv"});
  ASSERT_EQ(r.exit_code, kOk) << r.err;
  const auto first_line_end = r.out.find('\n');
  ASSERT_NE(first_line_end, std::string::npos);
  EXPECT_EQ(r.out.substr(0, first_line_end),
            "person_id,name,birth_date,phone,status,next_dose,due_date,days_late,overdue,"
            "priority,home_visit,products");
  EXPECT_NE(r.out.find(std::to_string(id) +
                       ",Lê Văn Trễ,1992-03-03,,partial,primary,2022-06-22,85,yes,,home visit,"),
            std::string::npos)
      << r.out;
}

TEST_F(Cli, ImportWithBadRowsExitsOneAndWritesTheErrorFile) {
  const auto persons = dir_ / "persons.csv";
  const auto errors = dir_ / "persons-errors.csv";
  write_file(persons,
             "person_ref,full_name,sex,birth_date,commune_code\n"
             "P1,Nguyễn Văn An,M,1980-01-01,27208\n"
             "P2,Trần Thị Bích,F,2022-02-30,27208\n");
  const CliResult r =
      run({"--format", "json", "import", "persons", persons.string(), "--errors", errors.string()});
  EXPECT_EQ(r.exit_code, kRejected) << r.err;
  const auto summary = nlohmann::json::parse(r.out);
  EXPECT_EQ(summary.at("rows_imported"), 1);
  EXPECT_EQ(summary.at("rows_rejected"), 1);
  const std::string report = read_file(errors);
  EXPECT_NE(report.find("3,birth_date,person.birth_date.invalid,"), std::string::npos) << report;

  // A clean file exits 0.
  write_file(persons,
             "person_ref,full_name,sex,birth_date,commune_code\n"
             "P3,Lê Văn Cường,M,1970-01-01,27211\n");
  EXPECT_EQ(run({"import", "persons", persons.string()}).exit_code, kOk);
  // A missing file is a usage error.
  EXPECT_EQ(run({"import", "persons", (dir_ / "nope.csv").string()}).exit_code, kUsage);
}

TEST_F(Cli, AreaShowNamesTheWardItsDistrictAndWhereItCountsNow) {
  const CliResult r = run({"area", "show", "vn2022:27208"});
  ASSERT_EQ(r.exit_code, kOk) << r.err;
  EXPECT_NE(r.out.find("Phường 15"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Quận 11"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Thành phố Hồ Chí Minh"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Phường Phú Thọ"), std::string::npos) << r.out;  // the 2025 ward
  EXPECT_EQ(run({"area", "show", "vn2022:99999"}).exit_code, kNotFound);
}

}  // namespace
}  // namespace phongdich::testing
