#include "domain/care_alert.hpp"

namespace phongdich {

const char* to_string(AlertKind kind) {
  return kind == AlertKind::danger_sign ? "danger_sign" : "missed_check";
}

std::optional<AlertKind> parse_alert_kind(std::string_view text) {
  if (text == "danger_sign") return AlertKind::danger_sign;
  if (text == "missed_check") return AlertKind::missed_check;
  return std::nullopt;
}

const char* to_string(AlertState state) {
  switch (state) {
    case AlertState::open:
      return "open";
    case AlertState::acknowledged:
      return "acknowledged";
    case AlertState::referred:
      return "referred";
  }
  return "?";
}

std::optional<AlertState> parse_alert_state(std::string_view text) {
  if (text == "open") return AlertState::open;
  if (text == "acknowledged") return AlertState::acknowledged;
  if (text == "referred") return AlertState::referred;
  return std::nullopt;
}

}  // namespace phongdich
