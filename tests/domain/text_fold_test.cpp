// Folding names for diacritic-insensitive search, and UTF-8 validation.
#include "domain/text_fold.hpp"

#include <gtest/gtest.h>

#include <string>

namespace phongdich {
namespace {

TEST(TextFoldTest, FoldsRealNames) {
  struct Row {
    std::string_view input;
    std::string_view folded;
  };
  const Row rows[] = {
      {"Nguyễn Thị Ánh Tuyết", "nguyen thi anh tuyet"},
      {"ĐẶNG VĂN LƯỢNG", "dang van luong"},
      {"Đỗ Quỳnh Hương", "do quynh huong"},
      {"Trương Mỹ Lan", "truong my lan"},
      {"Phạm Ngọc Thạch", "pham ngoc thach"},
      {"Hồ Chí Minh", "ho chi minh"},
      {"Phường 15", "phuong 15"},
      {"Y Bhiêr Niê", "y bhier nie"},  // Ê Đê name
      {"Ksor H'Bông", "ksor h'bong"},  // the apostrophe is kept
      {"Lê-Nguyễn Bảo Ngọc", "le-nguyen bao ngoc"},
      // NFD (decomposed) input folds like the precomposed form.
      {"Nguye\xCC\x82\xCC\x83n Thi\xCC\xA3 A\xCC\x81nh Tuye\xCC\x82\xCC\x81t",
       "nguyen thi anh tuyet"},
      {"\xC4\x90"
       "A\xCC\xA3\xCC\x86NG VA\xCC\x86N LU\xCC\x9BO\xCC\x9B\xCC\xA3NG",
       "dang van luong"},
  };
  for (const Row& row : rows) EXPECT_EQ(fold_vietnamese(row.input), row.folded) << row.input;
}

TEST(TextFoldTest, EveryVietnameseLetterFoldsToItsBase) {
  const std::string expected = std::string(18, 'a') + std::string(12, 'e') + std::string(6, 'i') +
                               std::string(18, 'o') + std::string(12, 'u') + std::string(6, 'y') +
                               "d";
  EXPECT_EQ(fold_vietnamese("aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩị"
                            "oòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"),
            expected);
  EXPECT_EQ(fold_vietnamese("AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬEÈÉẺẼẸÊỀẾỂỄỆIÌÍỈĨỊ"
                            "OÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢUÙÚỦŨỤƯỪỨỬỮỰYỲÝỶỸỴĐ"),
            expected);
}

TEST(TextFoldTest, WhitespaceIsCollapsedAndTrimmed) {
  struct Row {
    std::string_view input;
    std::string_view folded;
  };
  const Row rows[] = {
      {"  Trần   Thị\tHồng  ", "tran thi hong"},
      {"Lê\xC2\xA0Văn", "le van"},  // no-break space
      {"Lê\r\nVăn\n", "le van"},
      {"   ", ""},
      {"", ""},
  };
  for (const Row& row : rows) EXPECT_EQ(fold_vietnamese(row.input), row.folded) << row.input;
}

TEST(TextFoldTest, InvalidBytesAndUnfoldableCharactersAreDropped) {
  struct Row {
    std::string_view input;
    std::string_view folded;
    std::string_view why;
  };
  const Row rows[] = {
      {"Ph\xFFạm", "pham", "byte FF is never UTF-8"},
      {"Ng\xE1\xBB", "ng", "truncated 3-byte sequence at the end"},
      {"a\xC0\xAF"
       "b",
       "ab", "overlong encoding of '/'"},
      {"a\xED\xA0\x80"
       "b",
       "ab", "UTF-16 surrogate"},
      {"a\x80\x80"
       "b",
       "ab", "lone continuation bytes"},
      {"阮 Văn", "van", "no ASCII base letter"},
      {"An\x01h", "anh", "control character"},
  };
  for (const Row& row : rows) EXPECT_EQ(fold_vietnamese(row.input), row.folded) << row.why;
}

TEST(TextFoldTest, FoldingTwiceChangesNothing) {
  for (std::string_view name : {"Nguyễn Thị Ánh Tuyết", "  ĐẶNG  ", "Ph\xFFạm"}) {
    const std::string once = fold_vietnamese(name);
    EXPECT_EQ(fold_vietnamese(once), once);
  }
}

TEST(TextFoldTest, Utf8Validity) {
  struct Row {
    std::string_view text;
    bool valid;
    std::string_view why;
  };
  const Row rows[] = {
      {"", true, "empty"},
      {"plain ascii text, longer than eight bytes", true, "ASCII"},
      {"Nguyễn Thị Ánh Tuyết", true, "Vietnamese"},
      {"\xF0\x9F\x98\x80", true, "4-byte emoji"},
      {"\xF4\x8F\xBF\xBF", true, "U+10FFFF, the last code point"},
      {"\xFF", false, "byte FF"},
      {"\x80", false, "lone continuation byte"},
      {"\xC0\xAF", false, "overlong 2-byte"},
      {"\xE0\x80\xAF", false, "overlong 3-byte"},
      {"\xED\xA0\x80", false, "surrogate"},
      {"\xF4\x90\x80\x80", false, "above U+10FFFF"},
      {"\xE1\xBB", false, "truncated"},
      {"sixteen ascii by\xFFtes then bad", false, "bad byte after the ASCII fast path"},
  };
  for (const Row& row : rows) EXPECT_EQ(is_valid_utf8(row.text), row.valid) << row.why;
}

}  // namespace
}  // namespace phongdich
