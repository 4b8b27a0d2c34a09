// Importing a generated population of Quận 11: every valid row goes in, and at
// least the rows the generator spoiled on purpose are rejected.
#include <gtest/gtest.h>

#include "app/generate.hpp"
#include "app/importer.hpp"
#include "app/registry_fixture.hpp"

namespace phongdich::testing {
namespace {

class ImportGenerated : public RegistryTest {
 protected:
  synth::SynthSummary generate(uint64_t persons, double invalid_rate) {
    GenerateRequest request;
    request.persons = persons;
    request.seed = 11;
    request.output_dir = dir_ / "synth";
    request.as_of = today();
    request.invalid_rate = invalid_rate;
    return generate_for_area(registry().areas(), area("vn2022:772"), request);
  }
  ImportOptions options() const {
    ImportOptions o;
    o.today = today();
    o.batch_rows = 1000;
    return o;
  }
};

TEST_F(ImportGenerated, EveryValidRowIsImportedAndTheSpoiledOnesRejected) {
  const synth::SynthSummary generated = generate(3000, 0.01);
  ASSERT_GT(generated.invalid_in_persons(), 0u);
  ASSERT_GT(generated.invalid_in_doses(), 0u);

  const ImportSummary persons =
      import_persons(registry(), generated.persons_file.string(), options());
  EXPECT_EQ(persons.rows_read, static_cast<int64_t>(generated.persons));
  EXPECT_EQ(persons.rows_imported + persons.rows_rejected, persons.rows_read);
  // Each spoiled person row breaks exactly one rule; every other row is valid.
  EXPECT_EQ(persons.rows_rejected, static_cast<int64_t>(generated.invalid_in_persons()));
  EXPECT_EQ(registry().store().person_count(), persons.rows_imported);

  const ImportSummary doses = import_doses(registry(), generated.doses_file.string(), options());
  EXPECT_EQ(doses.rows_read, static_cast<int64_t>(generated.doses));
  EXPECT_EQ(doses.rows_imported + doses.rows_rejected, doses.rows_read);
  // Doses of rejected persons are rejected too, so there are more than the spoiled ones.
  EXPECT_GE(doses.rows_rejected, static_cast<int64_t>(generated.invalid_in_doses()));
  EXPECT_EQ(registry().store().dose_count(), doses.rows_imported);
  EXPECT_GT(doses.rows_imported, persons.rows_imported);  // most adults had two doses or more

  // The ten wards of Quận 11 hold every imported person.
  const CoverageReport report = registry().coverage_report(area("vn2022:772"), today());
  uint64_t registered = 0;
  for (const TargetResult& t : report.targets)
    if (t.target.id == "T6") registered = t.numerator;
  EXPECT_EQ(registered, static_cast<uint64_t>(persons.rows_imported));
}

// With no faults asked for, every generated row must pass the schedule rules:
// the generator places each dose with the same engine the importer judges by.
TEST_F(ImportGenerated, ACleanFileImportsWhole) {
  const synth::SynthSummary generated = generate(2000, 0.0);
  const ImportSummary persons =
      import_persons(registry(), generated.persons_file.string(), options());
  const ImportSummary doses = import_doses(registry(), generated.doses_file.string(), options());
  EXPECT_EQ(persons.rows_imported, static_cast<int64_t>(generated.persons));
  EXPECT_EQ(persons.rows_rejected, 0);
  EXPECT_EQ(doses.rows_imported, static_cast<int64_t>(generated.doses));
  EXPECT_EQ(doses.rows_rejected, 0)
      << (doses.rejected_by_code.empty() ? "" : doses.rejected_by_code.begin()->first);
}

}  // namespace
}  // namespace phongdich::testing
