// The JSON shapes of tests, cases, home-care checks, alerts and facilities
// (docs/openapi.json: TestResult, Case, Observation, Alert, Facility ...), and
// the readers of their request bodies.
#pragma once

#include <vector>

#include "api/json_codec.hpp"
#include "app/surveillance.hpp"
#include "domain/care_alert.hpp"
#include "domain/covid_case.hpp"
#include "domain/danger_signs.hpp"
#include "domain/facility.hpp"
#include "domain/isolation_end.hpp"
#include "domain/observation.hpp"
#include "domain/progression_risk.hpp"
#include "domain/test_result.hpp"

namespace phongdich::api {

Json test_json(const TestResult& test, const AreaForest& areas);
Json case_json(const CovidCase& covid_case, const AreaForest& areas);
Json observation_json(const Observation& observation);
Json danger_sign_json(const DangerSign& sign);
Json alert_json(const CareAlert& alert, const AreaForest& areas);
Json facility_json(const Facility& facility, const AreaForest& areas);
Json occupancy_json(const FacilityOccupancy& occupancy, const std::string& facility_code);
Json isolation_json(const IsolationEnd& isolation);
Json progression_risk_json(const ProgressionAssessment& risk);
// A commune's capacity against T8, with the counts behind it.
Json care_capacity_json(const CommuneCareCapacity& commune);

// Request bodies: throw ApiError 400 naming the field at fault.
Date date_field(const Json& body, const std::string& name, bool required);
std::optional<Date> optional_date_field(const Json& body, const std::string& name);
// The check as sent: date, half, measurements, symptoms (names of Symptom).
Observation read_observation(const Json& body);
CaseStep read_case_step(const Json& body);

}  // namespace phongdich::api
