// A SARS-CoV-2 test of a person: rapid antigen, RT-PCR, or sequencing of a
// positive sample (which names the variant).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/date.hpp"
#include "domain/person.hpp"

namespace phongdich {

using TestId = int64_t;

enum class TestKind : uint8_t { rapid_antigen = 0, rt_pcr = 1, sequencing = 2 };
enum class TestOutcome : uint8_t { negative = 0, positive = 1, inconclusive = 2 };

const char* to_string(TestKind kind);  // "rapid_antigen", "rt_pcr", "sequencing"
std::optional<TestKind> parse_test_kind(std::string_view text);
const char* to_string(TestOutcome outcome);  // "negative", "positive", "inconclusive"
std::optional<TestOutcome> parse_test_outcome(std::string_view text);

struct TestResult {
  TestId id = 0;  // 0 until stored
  PersonId person_id = 0;
  AreaId area_id = 0;  // the person's commune when the sample was taken (counts positivity there)
  TestKind kind = TestKind::rapid_antigen;
  Date sample_date;
  Date result_date;  // never before sample_date
  TestOutcome outcome = TestOutcome::negative;
  std::string site;     // testing site: code or name as the lab reports it
  std::string variant;  // sequencing only: "Delta", "Omicron BA.2" ...; empty otherwise
  // Done or supervised by a health worker (what ends home isolation counts).
  bool supervised = false;
};

}  // namespace phongdich
