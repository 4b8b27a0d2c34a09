#include "app/import_error_file.hpp"

#include <stdexcept>

namespace phongdich {
namespace {

void put_cell(std::FILE* f, const std::string& cell) {
  if (cell.find_first_of(",\"\r\n") == std::string::npos) {
    std::fputs(cell.c_str(), f);
    return;
  }
  std::fputc('"', f);
  for (char c : cell) {
    if (c == '"') std::fputc('"', f);
    std::fputc(c, f);
  }
  std::fputc('"', f);
}

}  // namespace

ImportErrorFile::ImportErrorFile(std::string path) : path_(std::move(path)) {
  // Written from scratch on every run: a re-run re-checks every row, so the
  // report is always complete for the whole file.
  file_ = std::fopen(path_.c_str(), "w");
  if (file_ == nullptr) throw std::runtime_error("cannot write the error file " + path_);
  std::fputs("line,field,code,rule,message_vi,message_en\n", file_);
}

ImportErrorFile::~ImportErrorFile() {
  if (file_ != nullptr) std::fclose(file_);
}

void ImportErrorFile::add(int64_t line, const Violation& v) {
  std::fprintf(file_, "%lld,", static_cast<long long>(line));
  for (const std::string* cell : {&v.field, &v.code, &v.rule, &v.message_vi}) {
    put_cell(file_, *cell);
    std::fputc(',', file_);
  }
  put_cell(file_, v.message_en);
  std::fputc('\n', file_);
  ++rows_;
}

}  // namespace phongdich
