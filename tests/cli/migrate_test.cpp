// phongdich migrate: a SQLite database copied into PostgreSQL and back into a
// new SQLite file holds every row of every table, ids and audit chain included;
// PostgreSQL's province_id comes out as its own inserts compute it; ids continue
// after the copied ones; a target that is not empty is refused.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "cli/cli_runner.hpp"
#include "common/postgres_test_schema.hpp"
#include "store/postgres/postgres_store.hpp"
#include "store/store.hpp"

namespace phongdich::testing {
namespace {

constexpr int kOk = 0, kRejected = 1;

// Every row of every table of `store`: table -> rows (columns in the store's
// order, which the test checks is the same in all three stores).
struct Contents {
  std::map<std::string, std::vector<std::string>> columns;
  std::map<std::string, std::vector<std::vector<std::optional<std::string>>>> rows;
};

Contents read_everything(Store& store) {
  Contents contents;
  for (const std::string& table : store.copy_tables()) {
    std::vector<std::string> columns = store.copy_columns(table);
    std::sort(columns.begin(), columns.end());  // the stores may declare them in another order
    auto& rows = contents.rows[table];
    store.export_rows(table, columns, 1000, [&](const TableRows& batch) {
      for (size_t r = 0; r < batch.rows(); ++r) {
        rows.emplace_back(batch.values.begin() + static_cast<ptrdiff_t>(r * columns.size()),
                          batch.values.begin() + static_cast<ptrdiff_t>((r + 1) * columns.size()));
      }
    });
    // Key order is the same, but text keys may sort by another collation.
    std::sort(rows.begin(), rows.end());
    contents.columns[table] = std::move(columns);
  }
  return contents;
}

void expect_same(const Contents& expected, const Contents& actual, const std::string& what) {
  std::vector<std::string> expected_tables, actual_tables;
  for (const auto& [table, columns] : expected.columns) expected_tables.push_back(table);
  for (const auto& [table, columns] : actual.columns) actual_tables.push_back(table);
  ASSERT_EQ(expected_tables, actual_tables) << what;
  for (const auto& [table, columns] : expected.columns) {
    EXPECT_EQ(columns, actual.columns.at(table)) << what << ": " << table;
    const auto& want = expected.rows.at(table);
    const auto& got = actual.rows.at(table);
    ASSERT_EQ(want.size(), got.size()) << what << ": rows of " << table;
    for (size_t i = 0; i < want.size(); ++i) {
      ASSERT_EQ(want[i], got[i]) << what << ": " << table << " row " << i;
    }
  }
}

class Migrate : public ::testing::Test {
 protected:
  void SetUp() override {
    url_ = test_postgres_url();
    if (!url_) GTEST_SKIP() << kNoPostgresMessage;
  }

  CliResult run(std::vector<std::string> args) { return run_cli(args, dir_.path()); }
  std::string db(const std::string& name) const { return (dir_ / name).string(); }

  // A registry with households, persons, doses, overrides, users, sessions,
  // audit entries, idempotency keys, import journals and awkward text.
  void fill(const std::string& path) {
    ASSERT_EQ(run({"generate", "--area", "vn2022:27208", "--persons", "400", "--seed", "11",
                   "--out", (dir_ / "gen").string()})
                  .exit_code,
              kOk);
    for (const char* kind : {"persons", "doses"}) {
      const CliResult r = run(
          {"--db", path, "import", kind, (dir_ / "gen" / (std::string(kind) + ".csv")).string()});
      ASSERT_TRUE(r.exit_code == kOk || r.exit_code == kRejected) << r.err;  // a few bad rows
    }
    ASSERT_EQ(run({"--db", path, "user", "add", "admin", "--role", "administrator", "--area",
                   "vn2022:79", "--generate-password"})
                  .exit_code,
              kOk);
    ASSERT_EQ(run({"--db", path, "user", "add", "ward.user", "--role", "commune_staff", "--area",
                   "vn2022:27208", "--generate-password"})
                  .exit_code,
              kOk);
    const std::unique_ptr<Store> store = open_store(path);
    StoredPerson odd;
    odd.person.full_name = "Nguyễn\tVăn \\ \"An\"\nB";
    odd.person.birth_date = *Date::parse_iso("1980-02-03");
    odd.person.area_id = store->person(1)->person.area_id;
    odd.person.phone = "0901 234 567";
    odd.external_ref = "odd\\ref";
    const PersonId odd_id = store->insert_person(odd).id;
    DoseRecord dose;
    dose.person_id = odd_id;
    dose.date = *Date::parse_iso("2021-10-01");
    dose.product = "PFIZER";
    dose.overridden = true;
    dose.override_reason = "nhập bù\tsổ giấy";
    dose.override_by = "bs.lan";
    store->insert_dose(dose);
    store->insert_session({"ab12", 1, 1000, 2000, false});
    store->insert_session({"cd34", 2, 1000, 2000, true});
    store->save_idempotent_response({1, "key-1", "digest", 201, "{\"id\":1}\n", 1500});
    store->set_meta("note", "a\tb\\c\nd");
  }

  CliTempDir dir_;
  std::optional<std::string> url_;
};

TEST_F(Migrate, RoundTripThroughPostgresKeepsEveryRowOfEveryTable) {
  const std::string source = db("source.db"), back = db("back.db");
  ASSERT_NO_FATAL_FAILURE(fill(source));
  PostgresTestSchema schema(*url_);

  const CliResult to_pg = run({"migrate", "--from", source, "--to", schema.url()});
  ASSERT_EQ(to_pg.exit_code, kOk) << to_pg.err;
  const CliResult to_sqlite = run({"migrate", "--from", schema.url(), "--to", back});
  ASSERT_EQ(to_sqlite.exit_code, kOk) << to_sqlite.err;

  const auto original = open_store(source);
  const auto in_postgres = open_store(schema.url());
  const auto returned = open_store(back);
  const Contents expected = read_everything(*original);
  // Not a comparison of empty tables: what fill() wrote is there.
  for (const char* table :
       {"areas", "area_successors", "households", "persons", "doses", "users", "sessions",
        "audit_log", "idempotency_keys", "import_journal", "meta"}) {
    EXPECT_FALSE(expected.rows.at(table).empty()) << table;
  }
  expect_same(expected, read_everything(*in_postgres), "SQLite -> PostgreSQL");
  expect_same(expected, read_everything(*returned), "SQLite -> PostgreSQL -> SQLite");

  // The audit chain and its head verify in both copies.
  for (const std::string& copy : {schema.url(), back}) {
    const CliResult verify = run({"--db", copy, "audit", "verify"});
    EXPECT_EQ(verify.exit_code, kOk) << copy << "\n" << verify.out << verify.err;
  }
}

TEST_F(Migrate, PostgresDerivesProvincesAndContinuesIdsAfterTheCopiedOnes) {
  const std::string source = db("source.db");
  ASSERT_NO_FATAL_FAILURE(fill(source));
  PostgresTestSchema schema(*url_);
  ASSERT_EQ(run({"migrate", "--from", source, "--to", schema.url()}).exit_code, kOk);

  PostgresStore store(schema.url());
  PgConnection& pg = store.db();
  // Areas: as replace_areas computes them (reloading the tree recomputes every one).
  const PgResult before = pg.exec("SELECT id, province_id FROM areas ORDER BY id", "before");
  store.replace_areas(store.load_areas());
  const PgResult after = pg.exec("SELECT id, province_id FROM areas ORDER BY id", "after");
  ASSERT_EQ(before.rows(), after.rows());
  int differing = 0;
  for (int i = 0; i < before.rows(); ++i) differing += before.text(i, 1) != after.text(i, 1);
  EXPECT_EQ(differing, 0);
  EXPECT_NE(pg.exec("SELECT count(DISTINCT province_id) FROM areas", "x").int64(0, 0), 0);
  // Personal records: in the province of their area, or of their person.
  EXPECT_EQ(pg.exec("SELECT count(*) FROM persons p JOIN areas a ON a.id = p.area_id "
                    "WHERE p.province_id <> a.province_id OR p.province_id = 0",
                    "persons")
                .int64(0, 0),
            0);
  EXPECT_EQ(pg.exec("SELECT count(*) FROM doses d JOIN persons p ON p.id = d.person_id "
                    "WHERE d.province_id <> p.province_id",
                    "doses")
                .int64(0, 0),
            0);

  // A record added after the copy gets an id after the copied ones.
  const int64_t largest = pg.exec("SELECT max(id) FROM persons", "max").int64(0, 0);
  StoredPerson next;
  next.person.full_name = "Lê Thị Mới";
  next.person.birth_date = *Date::parse_iso("1990-01-01");
  next.person.area_id = store.person(1)->person.area_id;
  const PersonInsertResult added = store.insert_person(next);
  EXPECT_EQ(added.outcome, InsertOutcome::inserted);
  EXPECT_GT(added.id, largest);
}

TEST_F(Migrate, RefusesATargetThatIsNotEmpty) {
  const std::string source = db("source.db");
  ASSERT_NO_FATAL_FAILURE(fill(source));
  PostgresTestSchema schema(*url_);
  ASSERT_EQ(run({"migrate", "--from", source, "--to", schema.url()}).exit_code, kOk);
  const int64_t persons = PostgresStore(schema.url()).person_count();

  const CliResult again = run({"migrate", "--from", source, "--to", schema.url()});
  EXPECT_EQ(again.exit_code, kRejected);
  EXPECT_NE(again.err.find("not empty"), std::string::npos) << again.err;
  EXPECT_NE(again.err.find("không trống"), std::string::npos) << again.err;
  EXPECT_EQ(PostgresStore(schema.url()).person_count(), persons);

  // Back into the SQLite file it came from: refused as well.
  const CliResult onto_source = run({"migrate", "--from", schema.url(), "--to", source});
  EXPECT_EQ(onto_source.exit_code, kRejected) << onto_source.err;
}

}  // namespace
}  // namespace phongdich::testing
