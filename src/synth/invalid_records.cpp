#include "synth/invalid_records.hpp"

namespace phongdich::synth {

std::string_view to_string(InvalidKind kind) {
  switch (kind) {
    case InvalidKind::citizen_id_mismatch:
      return "citizen_id_mismatch";
    case InvalidKind::duplicate_citizen_id:
      return "duplicate_citizen_id";
    case InvalidKind::unknown_commune:
      return "unknown_commune";
    case InvalidKind::future_birth_date:
      return "future_birth_date";
    case InvalidKind::impossible_date:
      return "impossible_date";
    case InvalidKind::unknown_product:
      return "unknown_product";
    case InvalidKind::dose_before_birth:
      return "dose_before_birth";
    case InvalidKind::dose_too_soon:
      return "dose_too_soon";
  }
  return "unknown";
}

bool in_persons_file(InvalidKind kind) {
  return static_cast<int>(kind) <= static_cast<int>(InvalidKind::future_birth_date);
}

}  // namespace phongdich::synth
