// How many cases an area confirms each day: the shape of the real 2021-2022
// series (data/synth/covid_daily_cases.csv, the Ministry of Health's daily
// counts per province), scaled to the area's population.
//
// The reported series has artefacts that are not epidemic: back-log days (Cà
// Mau reported 151,919 cases on 2021-10-25) and a weekly rhythm of reporting.
// Back-log days are replaced by the median of their fortnight and the rest is
// averaged over 7 days, so the curve keeps the waves and drops the paperwork.
//
// The series ends on 2022-01-21. After it the curve follows an ASSUMED national
// course of 2022 (the Omicron wave of February to April, then a low plateau;
// kAssumedNational2022 in the .cpp), scaled by how the area's province compared
// with the nation over the series' last four weeks (clamped to 0.5–2), a
// difference that fades by half every 60 days (assumed).
#pragma once

#include <vector>

#include "domain/date.hpp"

namespace phongdich::synth {

// Daily reported cases from `first_day` on, one value a day.
struct ReportedSeries {
  Date first_day;
  std::vector<double> cases;
  double population = 0;  // whose cases they are

  Date last_day() const { return first_day.plus_days(static_cast<int32_t>(cases.size()) - 1); }
};

struct CurveInputs {
  ReportedSeries national;
  ReportedSeries local;  // the area's province; the national series again when unknown
  double area_population = 0;
  double scale = 1.0;  // 1 = the reported incidence per person; 2 = twice it
};

// Back-log days replaced and 7-day centred averages (the ends average what they have).
std::vector<double> smoothed_reported_cases(const std::vector<double>& cases);

// Expected confirmed cases of the area on each day of [from, to] (to - from + 1
// values). Days before the series begins expect none.
std::vector<double> expected_daily_cases(const CurveInputs& inputs, Date from, Date to);

// The assumed national daily cases after the series ends (see the .cpp), for
// the documentation and the tests.
double assumed_national_daily_cases(Date day);

}  // namespace phongdich::synth
