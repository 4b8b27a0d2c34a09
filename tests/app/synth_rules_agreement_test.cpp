// The generator and the importer agree on the vaccination rules: a generated
// file with no faults imports whole, and with faults exactly the rows the
// generator says the importer will reject are rejected.
#include <gtest/gtest.h>

#include <string>

#include "app/generate.hpp"
#include "app/importer.hpp"
#include "app/registry_fixture.hpp"

namespace phongdich::testing {
namespace {

class SynthRulesAgreement : public RegistryTest {
 protected:
  synth::SynthSummary generate(uint64_t persons, double invalid_rate, uint64_t seed) {
    GenerateRequest request;
    request.persons = persons;
    request.seed = seed;
    request.output_dir = dir_ / "synth";
    request.as_of = today();
    request.invalid_rate = invalid_rate;
    request.rules = &registry().rules();  // the rules the importer judges by
    return generate_for_area(registry().areas(), area("vn2022:79"), request);
  }
  ImportOptions options() const {
    ImportOptions o;
    o.today = today();
    return o;
  }
  static std::string codes(const ImportSummary& s) {
    std::string out;
    for (const auto& [code, n] : s.rejected_by_code) out += code + "=" + std::to_string(n) + " ";
    return out;
  }
};

TEST_F(SynthRulesAgreement, AFileWithoutFaultsImportsWhole) {
  const synth::SynthSummary generated = generate(20000, 0.0, 7);
  const ImportSummary persons =
      import_persons(registry(), generated.persons_file.string(), options());
  const ImportSummary doses = import_doses(registry(), generated.doses_file.string(), options());

  EXPECT_EQ(persons.rows_rejected, 0) << codes(persons);
  EXPECT_EQ(persons.rows_imported, static_cast<int64_t>(generated.persons));
  EXPECT_EQ(doses.rows_rejected, 0) << codes(doses);
  EXPECT_EQ(doses.rows_imported, static_cast<int64_t>(generated.doses));
  // A whole population, under-fives included, as the 2021-2022 rollout left it.
  const double mean = static_cast<double>(generated.doses) / static_cast<double>(generated.persons);
  EXPECT_GT(mean, 2.2);
  EXPECT_LT(mean, 2.7);
}

// With faults, the importer rejects the spoiled rows and, besides them:
// - every dose of a person whose own row was spoiled (the person is not
//   registered: dose.person.unknown);
// - valid doses judged without a spoiled dose before them, e.g. a Vero Cell
//   second dose with an impossible date, after which the Pfizer booster reads
//   as a second primary dose mixing products (dose.mixing.not_allowed).
// The generator replays the engine to count the last kind, so the totals agree exactly.

TEST_F(SynthRulesAgreement, WithTheDefaultRateEverySpoiledRowAndNothingElseIsRejected) {
  const synth::SynthSummary generated = generate(20000, 0.002, 8);
  ASSERT_GT(generated.invalid_in_doses(), 20u);
  const ImportSummary persons =
      import_persons(registry(), generated.persons_file.string(), options());
  const ImportSummary doses = import_doses(registry(), generated.doses_file.string(), options());

  EXPECT_EQ(persons.rows_rejected, static_cast<int64_t>(generated.invalid_in_persons()));
  EXPECT_EQ(doses.rows_rejected, static_cast<int64_t>(generated.doses_rejected())) << codes(doses);
  EXPECT_EQ(doses.rows_imported + doses.rows_rejected, static_cast<int64_t>(generated.doses));
}

TEST_F(SynthRulesAgreement, WithManyFaultsTheKnockOnRejectionsStayFewAndCounted) {
  const synth::SynthSummary generated = generate(20000, 0.02, 9);
  const ImportSummary persons =
      import_persons(registry(), generated.persons_file.string(), options());
  const ImportSummary doses = import_doses(registry(), generated.doses_file.string(), options());

  EXPECT_EQ(persons.rows_rejected, static_cast<int64_t>(generated.invalid_in_persons()));
  EXPECT_EQ(doses.rows_rejected, static_cast<int64_t>(generated.doses_rejected())) << codes(doses);
  EXPECT_GT(generated.doses_rejected_after_invalid, 0u);
  // A spoiled dose changes at most the reading of the person's later doses.
  EXPECT_LT(generated.doses_rejected_after_invalid, generated.invalid_in_doses() / 2);
}

}  // namespace
}  // namespace phongdich::testing
