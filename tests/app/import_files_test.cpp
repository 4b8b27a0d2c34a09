// Bulk import of persons.csv and doses.csv: every kind of bad input is reported
// in the error file on its own line (line, field, code), the good rows are
// committed, and importing the same file again adds nothing.
#include <gtest/gtest.h>

#include <set>
#include <tuple>

#include "app/import_error_rows.hpp"
#include "app/importer.hpp"
#include "app/registry_fixture.hpp"

namespace phongdich::testing {
namespace {

bool has(const std::vector<ErrorRow>& rows, const ErrorRow& wanted) {
  return std::find(rows.begin(), rows.end(), wanted) != rows.end();
}

std::set<int64_t> lines_of(const std::vector<ErrorRow>& rows) {
  std::set<int64_t> lines;
  for (const ErrorRow& r : rows) lines.insert(r.line);
  return lines;
}

const std::string kPersonsHeader = "person_ref,citizen_id,full_name,sex,birth_date,commune_code\n";

// One row per kind of bad input, between good rows. Line numbers are the file's.
std::string persons_file() {
  std::string text = kPersonsHeader;
  text += "P01,079080000001,Nguyễn Văn An,M,1980-01-01,27208\n";           // 2 good
  text += "P02,,Trần Văn Bình,M\n";                                        // 3 too few columns
  text += "P03,,Lê Văn C\xff\xfe,M,1980-01-01,27208\n";                    // 4 invalid UTF-8
  text += "P04,,Phạm \"Văn\" Dũng,M,1980-01-01,27208\n";                   // 5 stray quote
  text += "P05,,\"" + std::string(5000, 'a') + "\",M,1980-01-01,27208\n";  // 6 huge field
  text += "P06,,Võ Thị Hoa,F,2022-02-30,27208\n";                          // 7 no such day
  text += "P07,,Đỗ Văn Khang,M,2023-01-01,27208\n";                        // 8 born in the future
  text += "P08,,Hồ Thị Lan,F,1980-01-01,99999\n";                          // 9 unknown commune
  text += "P09,079080000001,Bùi Văn Minh,M,1980-05-05,27208\n";            // 10 ID of P01
  text += "P10,,Ngô Thị Ngọc,F,1985-06-07,27211\n";                        // 11 good
  text += "P11,,\"Đặng, Văn Ơn\",M,1975-12-31,27208\n";                    // 12 good, quoted comma
  return text;
}

const std::string kDosesHeader = "person_ref,dose_date,product\n";

std::string doses_file() {
  std::string text = kDosesHeader;
  text += "P01,2021-08-01,PFIZER\n";     // 2 good
  text += "P01,2021-08-22,PFIZER\n";     // 3 good
  text += "P10,2021-08-01,SINOVAC_X\n";  // 4 unknown product
  text += "P10,1984-01-01,PFIZER\n";     // 5 before P10's birth (1985)
  text += "P99,2021-08-01,PFIZER\n";     // 6 unknown person_ref
  text += "P02,2021-08-01,PFIZER\n";     // 7 person whose row was rejected
  text += "P10,2022-10-05,PFIZER\n";     // 8 in the future (today 2022-09-30)
  text += "P10,2021-02-30,PFIZER\n";     // 9 no such day
  text += "P10,2021-08-01,PFIZER\n";     // 10 good
  text += "P10,2021-08-05,PFIZER\n";     // 11 four days after the first: too soon
  text += "P11,2021-09-01,AZ,extra\n";   // 12 too many columns
  return text;
}

class Import : public RegistryTest {
 protected:
  ImportOptions options() const {
    ImportOptions o;
    o.today = today();
    o.batch_rows = 3;  // several batches even in a small file
    return o;
  }
  ImportSummary import(bool persons, const std::string& text) {
    const auto path = dir_ / (persons ? "persons.csv" : "doses.csv");
    write_text(path, text);
    return persons ? import_persons(registry(), path.string(), options())
                   : import_doses(registry(), path.string(), options());
  }
};

TEST_F(Import, EachBadPersonRowIsReportedOnItsLineAndTheGoodRowsAreStored) {
  const ImportSummary s = import(true, persons_file());
  EXPECT_EQ(s.rows_read, 11);
  EXPECT_EQ(s.rows_imported, 3);
  EXPECT_EQ(s.rows_rejected, 8);
  EXPECT_EQ(s.rows_already_present, 0);
  EXPECT_EQ(registry().store().person_count(), 3);
  EXPECT_TRUE(registry().store().person_by_external_ref("P11"));
  EXPECT_EQ(registry().store().person_by_external_ref("P11")->person.full_name, "Đặng, Văn Ơn");

  const auto errors = read_error_file(s.error_file);
  struct Row {
    const char* what;
    ErrorRow expected;
  };
  const Row rows[] = {
      {"too few columns", {3, "", "csv.column_count"}},
      {"invalid UTF-8", {4, "", "csv.invalid_utf8"}},
      {"stray quote", {5, "", "csv.stray_quote"}},
      {"huge field", {6, "", "csv.field_too_long"}},
      {"2022-02-30", {7, "birth_date", "person.birth_date.invalid"}},
      {"future birth date", {8, "birth_date", "person.birth_date.future"}},
      {"unknown commune", {9, "commune_code", "person.commune.unknown"}},
      {"citizen ID of another person", {10, "citizen_id", "person.citizen_id.taken"}},
  };
  for (const Row& row : rows) EXPECT_TRUE(has(errors, row.expected)) << row.what;
  EXPECT_EQ(lines_of(errors), (std::set<int64_t>{3, 4, 5, 6, 7, 8, 9, 10}));
  EXPECT_EQ(s.rejected_by_code.at("csv.stray_quote"), 1);
}

TEST_F(Import, EachBadDoseRowIsReportedOnItsLineAndTheGoodRowsAreStored) {
  import(true, persons_file());
  const ImportSummary s = import(false, doses_file());
  EXPECT_EQ(s.rows_read, 11);
  EXPECT_EQ(s.rows_imported, 3);
  EXPECT_EQ(s.rows_rejected, 8);
  EXPECT_EQ(registry().store().dose_count(), 3);

  const auto errors = read_error_file(s.error_file);
  struct Row {
    const char* what;
    ErrorRow expected;
  };
  const Row rows[] = {
      {"unknown product", {4, "product", "dose.product.unknown"}},
      {"dose before birth", {5, "dose_date", "dose.date.before_birth"}},
      {"unknown person_ref", {6, "person_ref", "dose.person.unknown"}},
      {"person rejected earlier", {7, "person_ref", "dose.person.unknown"}},
      {"future dose", {8, "dose_date", "dose.dose_date.future"}},
      {"2021-02-30", {9, "dose_date", "dose.dose_date.invalid"}},
      {"too soon after the first", {11, "dose_date", "dose.interval.too_short"}},
      {"too many columns", {12, "", "csv.column_count"}},
  };
  for (const Row& row : rows) EXPECT_TRUE(has(errors, row.expected)) << row.what;
  EXPECT_EQ(lines_of(errors), (std::set<int64_t>{4, 5, 6, 7, 8, 9, 11, 12}));

  // The committed doses count at once.
  const PersonId p01 = registry().store().person_by_external_ref("P01")->person.id;
  EXPECT_EQ(registry().status(p01, today())->status.status, VaccinationStatus::primary_complete);
}

TEST_F(Import, ReImportingTheSameFilesAddsNothing) {
  const ImportSummary persons = import(true, persons_file());
  const ImportSummary doses = import(false, doses_file());
  const int64_t person_count = registry().store().person_count();
  const int64_t dose_count = registry().store().dose_count();

  const ImportSummary persons_again = import(true, persons_file());
  EXPECT_EQ(persons_again.rows_imported, 0);
  EXPECT_EQ(persons_again.rows_already_present, persons.rows_imported);
  EXPECT_EQ(persons_again.rows_rejected, persons.rows_rejected);
  const ImportSummary doses_again = import(false, doses_file());
  EXPECT_EQ(doses_again.rows_imported, 0);
  EXPECT_EQ(doses_again.rows_already_present, doses.rows_imported);
  EXPECT_EQ(registry().store().person_count(), person_count);
  EXPECT_EQ(registry().store().dose_count(), dose_count);
  // The error file is rewritten for the whole file, not appended to.
  EXPECT_EQ(read_error_file(doses_again.error_file).size(),
            read_error_file(doses.error_file).size());

  // The same after a restart, when the registry is rebuilt from the store.
  reopen();
  EXPECT_EQ(import(true, persons_file()).rows_already_present, persons.rows_imported);
  EXPECT_EQ(import(false, doses_file()).rows_already_present, doses.rows_imported);
  EXPECT_EQ(registry().store().person_count(), person_count);
  EXPECT_EQ(registry().store().dose_count(), dose_count);
}

TEST_F(Import, AnUnknownColumnInTheHeaderRejectsTheFile) {
  const ImportSummary s = import(true,
                                 "person_ref,full_name,sex,birth_date,commune_code,blood_type\n"
                                 "P01,Nguyễn Văn An,M,1980-01-01,27208,O\n");
  EXPECT_EQ(s.rows_imported, 0);
  EXPECT_EQ(registry().store().person_count(), 0);
  EXPECT_TRUE(has(read_error_file(s.error_file), {1, "blood_type", "csv.unknown_column"}));
}

TEST_F(Import, AMissingRequiredColumnRejectsTheFile) {
  const ImportSummary s = import(true,
                                 "person_ref,full_name,sex,commune_code\n"
                                 "P01,Nguyễn Văn An,M,27208\n");
  EXPECT_EQ(s.rows_imported, 0);
  EXPECT_TRUE(has(read_error_file(s.error_file), {1, "birth_date", "csv.missing_column"}));
}

TEST_F(Import, AnEmptyFileIsReported) {
  const ImportSummary persons = import(true, "");
  EXPECT_EQ(persons.rows_read, 0);
  EXPECT_EQ(persons.rows_imported, 0);
  const auto errors = read_error_file(persons.error_file);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, "csv.empty");
  EXPECT_EQ(errors[0].line, 1);
  EXPECT_EQ(import(false, "").rejected_by_code.count("csv.empty"), 1u);
}

TEST_F(Import, ImportedPersonsCountInCoverageWithoutARebuild) {
  const Area& ward = area("vn2022:27208");
  EXPECT_EQ(registry().coverage_cube(ward, today()).sum().total(), 0u);
  import(true, persons_file());
  EXPECT_EQ(registry().coverage_cube(ward, today()).sum().total(), 2u);  // P01, P11
  import(false, doses_file());
  const CoverageCell cell = registry().coverage_cube(ward, today()).sum();
  EXPECT_EQ(cell.count(TargetPopulation::age18_plus, VaccinationStatus::primary_complete), 1u);
}

}  // namespace
}  // namespace phongdich::testing
