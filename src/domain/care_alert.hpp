// An alert for the health station: a danger sign in a home-care check, or a
// half-day that passed without a check. Staff acknowledge it, and may refer
// the patient to a health facility.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/covid_case.hpp"
#include "domain/observation.hpp"

namespace phongdich {

using AlertId = int64_t;

enum class AlertKind : uint8_t { danger_sign = 0, missed_check = 1 };
enum class AlertState : uint8_t { open = 0, acknowledged = 1, referred = 2 };

const char* to_string(AlertKind kind);  // "danger_sign", "missed_check"
std::optional<AlertKind> parse_alert_kind(std::string_view text);
const char* to_string(AlertState state);  // "open", "acknowledged", "referred"
std::optional<AlertState> parse_alert_state(std::string_view text);

struct CareAlert {
  AlertId id = 0;  // 0 until stored
  CaseId case_id = 0;
  PersonId person_id = 0;
  AreaId area_id = 0;  // the case's commune: whose station sees it
  AlertKind kind = AlertKind::danger_sign;
  Date date;  // the half-day the alert is about
  HalfDay half = HalfDay::morning;
  ObservationId observation_id = 0;  // danger signs: the check that showed them
  std::string signs;                 // danger signs: their codes, comma-separated
  int64_t raised_at_ms = 0;
  AlertState state = AlertState::open;
  int64_t handled_by = 0;  // user id
  int64_t handled_at_ms = 0;
  std::string referred_to;  // facility code, when referred
  std::string note;
};

}  // namespace phongdich
