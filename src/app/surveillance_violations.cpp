#include "app/surveillance_violations.hpp"

#include <string>

namespace phongdich {

Violation case_not_found() {
  return {"case.not_found", "case_id", "", "Không tìm thấy ca bệnh", "No such case"};
}

Violation alert_not_found() {
  return {"alert.not_found", "alert_id", "", "Không tìm thấy cảnh báo", "No such alert"};
}

Violation case_already_active(CaseId active) {
  const std::string id = std::to_string(active);
  return {"case.already_active", "person_id",
          "one active case per person (1909/BYT-DP: a case is followed until it ends)",
          "Người này đang là ca bệnh đang theo dõi (ca " + id + ")",
          "This person is already an active case (case " + id + ")"};
}

Violation case_not_in_home_care(CaseState state) {
  const std::string where = to_string(state);
  return {"observation.not_in_home_care", "case_id",
          "twice-daily checks are for cases cared for at home (261/QĐ-BYT)",
          "Ca bệnh không điều trị tại nhà (" + where + ")",
          "The case is not in home care (" + where + ")"};
}

Violation alert_already_handled() {
  return {"alert.already_handled", "state", "an alert is handled once", "Cảnh báo đã được xử lý",
          "The alert has already been handled"};
}

Violation facility_not_found(const std::string& code) {
  return {"facility.not_found", "facility", "", "Không tìm thấy cơ sở " + code,
          "No facility " + code};
}

}  // namespace phongdich
