// The route groups of API v1, one file each; ApiService adds them all.
#pragma once

#include "api/router.hpp"

namespace phongdich::api {

void add_health_routes(Router& router);
void add_auth_routes(Router& router);
void add_area_routes(Router& router);
void add_person_routes(Router& router);
void add_dose_routes(Router& router);
// Tests, cases, home-care checks, alerts, facilities (surveillance_routes.cpp),
// and the epidemic reports: weekly indicators, levels, curve and Rt
// (epidemic_routes.cpp), added from there.
void add_surveillance_routes(Router& router);
void add_epidemic_routes(Router& router);
void add_household_routes(Router& router);
void add_import_routes(Router& router);
void add_report_routes(Router& router);
// Added by add_report_routes, so that ApiService's list of route groups stays
// as it is: the dashboard (a report too) and the search by phone.
void add_dashboard_routes(Router& router);
void add_phone_search_routes(Router& router);
void add_user_routes(Router& router);
void add_audit_routes(Router& router);

// The OpenAPI document (docs/openapi.json), built into the program.
extern const char* const kOpenApiDocument;

}  // namespace phongdich::api
