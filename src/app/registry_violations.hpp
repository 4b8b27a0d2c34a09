// The rejections the use-cases themselves make (the rules' own are in the
// domain), each worded once for every caller.
#pragma once

#include <string>

#include "domain/date.hpp"
#include "domain/violation.hpp"

namespace phongdich {

Violation citizen_id_taken();
Violation person_not_found();
Violation unknown_person_ref(const std::string& ref);
Violation override_reason_required();
Violation duplicate_dose(Date date);
Violation empty_import_file();
// A row of an import limited to an area (an upload through the API) lies outside it.
Violation outside_import_area(const std::string& field);

}  // namespace phongdich
