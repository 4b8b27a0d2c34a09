// Incidence and serial interval files for Rt: every shape of EpiEstim's example
// files reads, and every bad line is named with its line, field and reason.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <variant>

#include "common/epiestim_reference.hpp"
#include "ingest/incidence_file.hpp"
#include "ingest/serial_interval_file.hpp"

namespace phongdich::testing {
namespace {

std::variant<IncidenceTable, LineViolations> read_text(const std::string& text) {
  std::istringstream in(text);
  return read_incidence_csv(in);
}

IncidenceTable read_dataset(const std::string& name) {
  std::ifstream in(epiestim_dir() / "datasets" / name);
  EXPECT_TRUE(in.good()) << name;
  auto table = read_incidence_csv(in);
  if (auto* bad = std::get_if<LineViolations>(&table)) {
    ADD_FAILURE() << name << " line " << bad->front().line << ": "
                  << bad->front().violation.message_en;
    return {};
  }
  return std::get<IncidenceTable>(std::move(table));
}

TEST(RtIncidenceFile, ReadsEveryShapeOfTheExampleFiles) {
  struct Row {
    const char* file;
    size_t days;
    bool split;
    bool dates;
    const char* first_label;
    int64_t first_count;  // local (or I) on day 1
  };
  const Row rows[] = {
      {"Flu1918_incidence.csv", 92, false, false, "1", 5},                        // day,I
      {"Flu2009_incidence.csv", 32, false, true, "2009-04-27", 1},                // dates,I
      {"Measles1861_incidence.csv", 48, false, false, "1", 1},                    //
      {"MockRotavirus_incidence.csv", 53, false, false, "1", 652},                //
      {"SARS2003_incidence.csv", 107, false, false, "1", 1},                      //
      {"Smallpox1972_incidence.csv", 57, false, false, "1", 1},                   //
      {"covid_deaths_2020_uk_incidence.csv", 672, false, true, "2020-03-02", 1},  // Date,Incidence
      {"flu_2009_NYC_school_incidence.csv", 14, false, true, "2009-04-18", 21},   //
      {"mers_2014_15_incidence.csv", 495, true, true, "2014-08-11", 0},  // dates,local,imported
  };
  for (const Row& row : rows) {
    const IncidenceTable table = read_dataset(row.file);
    EXPECT_EQ(table.days(), row.days) << row.file;
    EXPECT_EQ(table.labels.size(), row.days) << row.file;
    EXPECT_EQ(!table.imported.empty(), row.split) << row.file;
    EXPECT_EQ(table.has_dates, row.dates) << row.file;
    if (table.days() == 0) continue;
    EXPECT_EQ(table.labels[0], row.first_label) << row.file;
    EXPECT_EQ(table.local[0], row.first_count) << row.file;
  }
  const IncidenceTable mers = read_dataset("mers_2014_15_incidence.csv");
  ASSERT_EQ(mers.imported.size(), 495u);
  EXPECT_EQ(mers.imported[0], 1);  // the first case was imported
  EXPECT_EQ(mers.labels.back(), "2015-12-18");
}

TEST(RtIncidenceFile, LabelsComeFromDatesThenDaysThenRowNumbers) {
  struct Row {
    const char* text;
    const char* last_label;
  };
  const Row rows[] = {
      {"I\n4\n5\n6\n", "3"},
      {"day,I\n10,4\n11,5\n12,6\n", "12"},
      {"date,I\n2022-02-27,4\n2022-02-28,5\n2022-03-01,6\n", "2022-03-01"},  // across a month
      {"dates,I\n0,4\n1,5\n2,6\n", "2"},  // day numbers as dates, as an incidence object has
      {"Date,Incidence\n2024-02-28,1\n2024-02-29,2\n", "2024-02-29"},
      {" dates , LOCAL , Imported \n2020-01-01, 0 , 3\n2020-01-02,1,0\n", "2020-01-02"},
  };
  for (const Row& row : rows) {
    const auto table = read_text(row.text);
    ASSERT_TRUE(std::holds_alternative<IncidenceTable>(table)) << row.text;
    EXPECT_EQ(std::get<IncidenceTable>(table).labels.back(), row.last_label) << row.text;
  }
}

TEST(RtIncidenceFile, BadFilesAreExplainedLineByLine) {
  struct Row {
    const char* what;
    const char* text;
    int64_t line;
    const char* code;
    const char* field;
  };
  const Row rows[] = {
      {"negative count", "I\n3\n-1\n", 3, "rt.incidence.I.invalid", "I"},
      {"fraction", "I\n3\n1.5\n", 3, "rt.incidence.I.invalid", "I"},
      {"empty count", "dates,I\n2020-01-01,3\n2020-01-02,\n", 3, "rt.incidence.I.invalid", "I"},
      {"NA count", "I\n3\nNA\n", 3, "rt.incidence.I.invalid", "I"},
      {"negative imported", "local,imported\n0,3\n2,-4\n", 3, "rt.incidence.imported.invalid",
       "imported"},
      {"missing day", "dates,I\n2020-01-01,3\n2020-01-03,4\n", 3,
       "rt.incidence.dates.not_consecutive", "dates"},
      {"days out of order", "day,I\n1,3\n3,4\n2,5\n", 3, "rt.incidence.day.not_consecutive", "day"},
      {"not a date", "date,I\n2020-01-01,3\n2020-02-30,4\n", 3, "rt.incidence.date.invalid",
       "date"},
      {"mixed dates", "dates,I\n2020-01-01,3\n2,4\n", 3, "rt.incidence.dates.invalid", "dates"},
      {"short row", "dates,I\n2020-01-01\n", 2, "csv.column_count", ""},
      {"no count column", "dates\n2020-01-01\n", 1, "csv.missing_column", "I"},
      {"local without imported", "local\n3\n", 1, "csv.missing_column", "imported"},
      {"I and local", "I,local,imported\n3,0,3\n", 1, "rt.incidence.columns", "I"},
      {"two date columns", "date,dates,I\n2020-01-01,2020-01-01,3\n", 1, "rt.incidence.columns",
       "dates"},
      {"unknown column", "I,province\n3,79\n", 1, "csv.unknown_column", "province"},
      {"header only", "dates,I\n", 0, "rt.incidence.empty", ""},
      {"nothing at all", "", 0, "rt.incidence.empty", ""},
      {"unterminated quote", "I\n\"3\n", 2, "csv.unterminated_quote", ""},
  };
  for (const Row& row : rows) {
    const auto table = read_text(row.text);
    const auto* bad = std::get_if<LineViolations>(&table);
    ASSERT_NE(bad, nullptr) << row.what;
    ASSERT_FALSE(bad->empty()) << row.what;
    EXPECT_EQ(bad->front().line, row.line) << row.what;
    EXPECT_EQ(bad->front().violation.code, row.code) << row.what;
    EXPECT_EQ(bad->front().violation.field, row.field) << row.what;
    for (const LineViolation& v : *bad)
      EXPECT_FALSE(v.violation.message_vi.empty() || v.violation.message_en.empty()) << row.what;
  }
}

TEST(RtIncidenceFile, ReportsEveryBadLineUpToALimit) {
  std::string text = "I\n";
  for (int i = 0; i < 100; ++i) text += "-1\n";
  std::istringstream in(text);
  const auto table = read_incidence_csv(in, 5);
  ASSERT_TRUE(std::holds_alternative<LineViolations>(table));
  const LineViolations& bad = std::get<LineViolations>(table);
  ASSERT_EQ(bad.size(), 5u);
  EXPECT_EQ(bad[0].line, 2);
  EXPECT_EQ(bad[4].line, 6);
  const Violation shown = with_line_in_message(bad[4]);
  EXPECT_EQ(shown.message_en.rfind("Line 6: ", 0), 0u) << shown.message_en;
  EXPECT_EQ(shown.message_vi.rfind("Dòng 6: ", 0), 0u) << shown.message_vi;
}

std::variant<std::vector<double>, LineViolations> read_si(const std::string& text) {
  std::istringstream in(text);
  return read_serial_interval_csv(in);
}

TEST(RtSerialIntervalFile, ReadsOneColumnOrKAndW) {
  struct Row {
    const char* text;
    std::vector<double> weights;
  };
  const Row rows[] = {
      {"k,w\n0,0\n1,0.6\n2,0.4\n", {0, 0.6, 0.4}}, {"K,W\n0,0\n1,1\n", {0, 1}},
      {"w\n0\n0.6\n0.4\n", {0, 0.6, 0.4}},         {"si_distr\n0\n1\n", {0, 1}},
      {"0\n0.25\n0.75\n", {0, 0.25, 0.75}},  // no header
      {"0\n1e-1\n9E-1\n", {0, 0.1, 0.9}},
  };
  for (const Row& row : rows) {
    const auto weights = read_si(row.text);
    ASSERT_TRUE(std::holds_alternative<std::vector<double>>(weights)) << row.text;
    EXPECT_EQ(std::get<std::vector<double>>(weights), row.weights) << row.text;
  }
  for (const char* file : {"Flu2009_si_distr.csv", "SARS2003_si_distr.csv",
                           "covid_deaths_2020_uk_si_distr.csv", "Measles1861_si_distr.csv"}) {
    std::ifstream in(epiestim_dir() / "datasets" / file);
    const auto weights = read_serial_interval_csv(in);
    ASSERT_TRUE(std::holds_alternative<std::vector<double>>(weights)) << file;
    EXPECT_EQ(std::get<std::vector<double>>(weights).front(), 0) << file;
  }
}

TEST(RtSerialIntervalFile, BadFilesAreExplained) {
  struct Row {
    const char* what;
    const char* text;
    int64_t line;
    const char* code;
  };
  const Row rows[] = {
      {"negative", "w\n0\n-0.5\n", 3, "si.w.invalid"},
      {"not a number", "k,w\n0,0\n1,abc\n", 3, "si.w.invalid"},
      {"infinite", "w\n0\ninf\n", 3, "si.w.invalid"},
      {"k out of order", "k,w\n0,0\n2,1\n", 3, "si.k.not_consecutive"},
      {"k not from 0", "k,w\n1,0\n", 2, "si.k.not_consecutive"},
      {"two columns without k,w", "a,b\n0,0\n", 1, "csv.column_count"},
      {"extra field", "k,w\n0,0,0\n", 2, "csv.column_count"},
      {"empty", "w\n", 0, "si.empty"},
  };
  for (const Row& row : rows) {
    const auto weights = read_si(row.text);
    const auto* bad = std::get_if<LineViolations>(&weights);
    ASSERT_NE(bad, nullptr) << row.what;
    EXPECT_EQ(bad->front().line, row.line) << row.what;
    EXPECT_EQ(bad->front().violation.code, row.code) << row.what;
  }
}

}  // namespace
}  // namespace phongdich::testing
