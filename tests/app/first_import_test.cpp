// A province's first import: into a registry with no persons yet, the SQLite
// store builds the persons' indexes after the rows (Store::defer_person_indexes)
// and the importer keeps person_ref and the citizen ID unique itself. Each row
// must fare exactly as it does in an import beside persons already stored,
// where the store's unique indexes decide.
#include <gtest/gtest.h>

#include <map>

#include "app/import_error_rows.hpp"
#include "app/importer.hpp"
#include "app/registry_fixture.hpp"
#include "common/sqlite_person_indexes.hpp"

namespace phongdich::testing {
namespace {

constexpr std::string_view kStored = "stored";
constexpr std::string_view kAlreadyThere = "already there";
constexpr std::string_view kIdTaken = "person.citizen_id.taken";

// A file whose rows repeat a person_ref or a citizen ID within a batch (three
// rows each here), across batches, and after the row that first had it was
// refused. `outcome`: stored, already there (not stored again, not an error),
// or the code of the error reported on its line.
struct Row {
  int64_t line;
  std::string_view csv;
  std::string_view outcome;
  std::string_view why;
};
constexpr Row kRows[] = {
    {2, "R01,079080000001,Lê Văn An,M,1980-01-01,27208", kStored, "first of its ref and ID"},
    {3, "R02,079080000001,Lê Văn Bình,M,1980-02-02,27208", kIdTaken, "ID of line 2, same batch"},
    {4, "R01,079080000002,Lê Văn An,M,1980-01-01,27208", kAlreadyThere,
     "ref of line 2, same batch"},
    {5, "R03,079080000002,Lê Văn Cường,M,1980-03-03,27208", kStored,
     "ID of line 4, which was not stored"},
    {6, "R02,079080000003,Lê Văn Bình,M,1980-02-02,27208", kStored,
     "ref of line 3, which was refused"},
    {7, "R04,079080000001,Lê Văn Dũng,M,1980-04-04,27208", kIdTaken, "ID of line 2, later batch"},
    {8, "R03,,Lê Văn Cường,M,1980-03-03,27208", kAlreadyThere, "ref of line 5, later batch"},
    {9, "R07,079180000004,Trần Thị Hoa,F,1980-05-05,27211", kStored, "first of its ID"},
    {10, "R08,079180000004,Trần Thị Hoa,F,1980-05-05,27211", kIdTaken, "ID of line 9, new ref"},
    {11, "R05,,Lê Văn Em,M,2015-01-01,27211", kStored, "a child without an ID"},
    {12, "R06,,Lê Thị Em,F,2015-01-01,27211", kStored, "another child without an ID"},
};

std::string the_file() {
  std::string text = "person_ref,citizen_id,full_name,sex,birth_date,commune_code\n";
  for (const Row& row : kRows) text += std::string(row.csv) + "\n";
  return text;
}

class FirstImport : public RegistryTest {
 protected:
  ImportOptions options() const {
    ImportOptions o;
    o.today = today();
    o.batch_rows = 3;
    return o;
  }
  std::string write_file() {
    const auto path = dir_ / "persons.csv";
    write_text(path, the_file());
    return path.string();
  }
  // The persons' indexes in the SQLite file (another connection); empty on PostgreSQL.
  std::map<std::string, std::string> person_indexes() const {
    if (test_store_is_postgres()) return {};
    return sqlite_person_indexes((dir_ / "registry.db").string());
  }

  // Imports the file and checks every row's fate against kRows.
  void import_and_check(const ImportOptions& o, int64_t stored_before) {
    const ImportSummary s = import_persons(registry(), write_file(), o);
    int64_t stored = 0, already_there = 0;
    std::vector<ErrorRow> refused;
    for (const Row& row : kRows) {
      if (row.outcome == kStored) {
        ++stored;
      } else if (row.outcome == kAlreadyThere) {
        ++already_there;
      } else {
        refused.push_back({row.line, "citizen_id", std::string(row.outcome)});
      }
    }
    EXPECT_EQ(s.rows_read, static_cast<int64_t>(std::size(kRows)));
    EXPECT_EQ(s.rows_imported, stored);
    EXPECT_EQ(s.rows_already_present, already_there);
    EXPECT_EQ(read_error_file(s.error_file), refused);
    EXPECT_EQ(registry().store().person_count(), stored_before + stored);

    Store& store = registry().store();
    // The first row with an ID keeps it; a ref names the person first stored with it.
    EXPECT_EQ(store.person_by_citizen_id("079080000001").value().external_ref, "R01");
    EXPECT_EQ(store.person_by_citizen_id("079080000002").value().external_ref, "R03");
    EXPECT_EQ(store.person_by_external_ref("R02").value().person.citizen_id, "079080000003");
    EXPECT_EQ(store.person_by_citizen_id("079180000004").value().person.full_name, "Trần Thị Hoa");
    // The name index answers.
    NameQuery query;
    query.folded_name = "le van";
    query.communes = {area("vn2022:27208").id, area("vn2022:27211").id};
    EXPECT_EQ(registry().store().search_persons(query).size(), 4u);  // An, Bình, Cường, Em
  }
};

TEST_F(FirstImport, IntoAnEmptyRegistryEachRowFaresAsBesidePersonsAlreadyStored) {
  std::map<std::string, std::string> during;
  ImportOptions o = options();
  o.on_batch = [&](const ImportSummary&) {
    if (during.empty()) during = person_indexes();
  };
  const auto before = person_indexes();
  import_and_check(o, 0);
  if (!test_store_is_postgres()) {
    EXPECT_TRUE(during.empty()) << "the indexes were kept during the first import";
    EXPECT_EQ(person_indexes().size(), before.size()) << "not all built again";
  }
}

TEST_F(FirstImport, BesidePersonsAlreadyStoredTheIndexesDecide) {
  add_person({.name = "Phạm Văn Cũ", .citizen_id = "079080000009", .ref = "OLD"});
  const auto before = person_indexes();
  std::map<std::string, std::string> during;
  ImportOptions o = options();
  o.on_batch = [&](const ImportSummary&) { during = person_indexes(); };
  import_and_check(o, 1);
  EXPECT_EQ(during, before) << "indexes dropped beside a stored person";
}

TEST_F(FirstImport, AnUploadBesideOtherRequestsKeepsTheIndexes) {
  // Through the server every step runs on its writer, between other requests'
  // look-ups, so the indexes stay even in an empty registry.
  const auto before = person_indexes();
  std::map<std::string, std::string> during;
  ImportOptions o = options();
  o.exclusive = [](const std::function<void()>& step) { step(); };
  o.on_batch = [&](const ImportSummary&) { during = person_indexes(); };
  import_and_check(o, 0);
  EXPECT_EQ(during, before);
}

TEST_F(FirstImport, StoppedHalfWayItLeavesTheIndexesBuiltAndARerunCompletesIt) {
  ImportOptions o = options();
  int batches = 0;
  o.on_batch = [&](const ImportSummary&) { ++batches; };
  o.stop_requested = [&] { return batches >= 1; };
  const auto before = person_indexes();
  const ImportSummary stopped = import_persons(registry(), write_file(), o);
  ASSERT_TRUE(stopped.interrupted);
  EXPECT_EQ(stopped.rows_imported, 1);  // line 2 of the first batch
  EXPECT_EQ(person_indexes(), before);

  // The rerun reads the whole file again beside the person stored, so the
  // store's indexes decide, and each row fares as in one whole run.
  reopen();
  const ImportSummary rerun = import_persons(registry(), write_file(), options());
  EXPECT_EQ(rerun.resumed_after_line, 4);
  EXPECT_EQ(rerun.rows_imported, 5);
  EXPECT_EQ(rerun.rows_already_present, 3);  // lines 2, 4 and 8
  EXPECT_EQ(registry().store().person_count(), 6);
  EXPECT_EQ(registry().store().person_by_citizen_id("079080000001").value().external_ref, "R01");
  EXPECT_EQ(read_error_file(rerun.error_file),
            (std::vector<ErrorRow>{{3, "citizen_id", std::string(kIdTaken)},
                                   {7, "citizen_id", std::string(kIdTaken)},
                                   {10, "citizen_id", std::string(kIdTaken)}}));
}

}  // namespace
}  // namespace phongdich::testing
