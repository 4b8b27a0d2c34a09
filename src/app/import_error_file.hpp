// The error report of an import: one CSV row per violation, with the input
// line, so a clerk can fix the source file row by row.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

#include "domain/violation.hpp"

namespace phongdich {

class ImportErrorFile {
 public:
  explicit ImportErrorFile(std::string path);
  ~ImportErrorFile();
  ImportErrorFile(const ImportErrorFile&) = delete;
  ImportErrorFile& operator=(const ImportErrorFile&) = delete;

  void add(int64_t line, const Violation& violation);
  const std::string& path() const { return path_; }
  int64_t rows() const { return rows_; }

 private:
  std::string path_;
  std::FILE* file_ = nullptr;
  int64_t rows_ = 0;
};

}  // namespace phongdich
