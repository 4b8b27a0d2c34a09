#include "app/registry_violations.hpp"

namespace phongdich {

Violation citizen_id_taken() {
  return {"person.citizen_id.taken", "citizen_id", "one citizen ID, one person",
          "Số định danh cá nhân này đã được gắn với một người khác trong sổ.",
          "This citizen ID already belongs to another person in the registry."};
}

Violation person_not_found() {
  return {"person.not_found", "person_id", "the person must be registered",
          "Không tìm thấy người này trong sổ.", "No such person in the registry."};
}

Violation unknown_person_ref(const std::string& ref) {
  return {"dose.person.unknown", "person_ref", "a dose belongs to a registered person",
          "Không có người nào mang mã '" + ref + "' trong sổ.",
          "No registered person has the reference '" + ref + "'."};
}

Violation override_reason_required() {
  return {"dose.override.reason_required", "override_reason", "an override needs a written reason",
          "Cần ghi rõ lý do khi chấp nhận mũi tiêm trái quy định.",
          "Accepting a dose against the rules needs a written reason."};
}

Violation duplicate_dose(Date date) {
  return {"dose.duplicate", "dose_date", "one dose per person per day",
          "Người này đã có một mũi tiêm vào ngày " + date.iso() + ".",
          "This person already has a dose on " + date.iso() + "."};
}

Violation empty_import_file() {
  return {"csv.empty", "", "a file starts with a header line", "Tệp trống: thiếu dòng tiêu đề.",
          "The file is empty: no header line."};
}

Violation outside_import_area(const std::string& field) {
  return {"import.area_outside", field, "an upload writes only inside the uploader's area",
          "Dòng này thuộc địa bàn ngoài phạm vi được phép nhập của tài khoản.",
          "This row belongs to an area outside the one this upload may write to."};
}

}  // namespace phongdich
