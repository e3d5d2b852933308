#include <gtest/gtest.h>

#include "text/text.h"

namespace lianxin::text {
namespace {

struct MaskCase {
  const char* input;
  const char* masked;
};

// Each input is masked exactly as shown; inputs that are not PII stay unchanged.
const MaskCase kMaskCases[] = {
    // Mobile numbers.
    {"我的电话13812345678，请回电", "我的电话138****5678，请回电"},
    {"手机：+86 139-1234-5678", "手机：+86 139****5678"},
    {"联系8615912345678", "联系86159****5678"},
    {"电话：(+86)18612345678", "电话：(+86)186****5678"},
    {"号码138 1234 5678。", "号码138****5678。"},
    {"全角１３８１２３４５６７８", "全角138****5678"},
    {"tel:17012345678", "tel:170****5678"},
    // Not mobiles: wrong prefix, embedded in longer digit runs, too short.
    {"编号12345678901", "编号12345678901"},
    {"订单号201913812345678", "订单号201913812345678"},
    {"流水138123456789", "流水138123456789"},
    {"13812345", "13812345"},
    // Landlines.
    {"办公室0731-84561234转", "办公室0731-****1234转"},
    {"座机010-87654321", "座机010-****4321"},
    {"拨打(0731)8456123", "拨打0731-***6123"},
    {"电话0755 26543210", "电话0755-****3210"},
    {"073184561234", "0731-****1234"},
    // 身份证 (check digits valid unless noted).
    {"身份证号11010519491231002X", "身份证号1101**********002X"},
    {"身份证：110105194912310029", "身份证：110105194912310029"},  // wrong check digit
    {"证件430102199003071234", "证件4301**********1234"},
    {"证件430102199003071235", "证件430102199003071235"},  // wrong check digit
    {"号码 440308 19990101 5454", "号码 4403**********5454"},
    {"证件110105194913310021", "证件110105194913310021"},  // valid check digit, month 13
    // Bank cards (Luhn).
    {"卡号6222021234567890128", "卡号***************0128"},
    {"转账到 6222 0212 3456 7890 128 了", "转账到 ***************0128 了"},
    {"卡号4111111111111111", "卡号************1111"},
    {"卡号6222021234567890123", "卡号6222021234567890123"},  // fails Luhn
    {"订单号2020010612093812", "订单号2020010612093812"},  // not a card prefix
    // E-mail.
    {"邮箱zhang.san@example.com谢谢", "邮箱z***@example.com谢谢"},
    {"发到 12345@qq.com.", "发到 1***@qq.com."},
    {"a@b", "a@b"},
    // Licence plates.
    {"车牌湘A12345违停", "车牌湘A***45违停"},
    {"粤B·8F2D3", "粤B***D3"},
    {"新能源车湘AD12345", "新能源车湘A****45"},
    {"京A12345F", "京A****5F"},
    {"湘A1234学", "湘A***4学"},
    {"湘A12345678", "湘A12345678"},
    // Room-level addresses.
    {"住在幸福小区3栋2单元502室", "住在幸福小区***"},
    {"金色家园5号楼3单元201，噪音", "金色家园***，噪音"},
    {"A区2幢1103室", "A区***"},
    {"花园B座1203", "花园***"},
    {"12栋2-502", "***"},
    {"3楼302室", "***"},
    {"家住502室", "家住***"},
    {"18栋104号的门", "***的门"},
    {"六楼603未使用", "***未使用"},
    {"1栋三单元706房被改", "***被改"},
    // Ordinary numbers: untouched.
    {"2019年投诉了3次", "2019年投诉了3次"},
    {"罚款300000元", "罚款300000元"},
    {"日期2020-01-06 12:09:38", "日期2020-01-06 12:09:38"},
    {"3室2厅，1号线，5栋", "3室2厅，1号线，5栋"},
    {"幸福路302号", "幸福路302号"},
    {"本小区有297户业主，2栋11层板楼", "本小区有297户业主，2栋11层板楼"},
    {"3栋01和03户型", "3栋01和03户型"},
    {"共5层500平方", "共5层500平方"},
    {"教学楼B栋6000多平", "教学楼B栋6000多平"},
    {"大厦2198房产证", "大厦2198房产证"},
    {"14幢11-18层", "14幢11-18层"},
    {"", ""},
};

TEST(MaskPii, Cases) {
  for (const MaskCase& c : kMaskCases) {
    EXPECT_EQ(MaskPii(c.input), c.masked) << "input: " << c.input;
  }
}

TEST(MaskPii, SeveralInOneText) {
  EXPECT_EQ(MaskPii("张三13812345678，身份证11010519491231002X，住3栋2单元502室"),
            "张三138****5678，身份证1101**********002X，住***");
}

TEST(MaskPii, InvalidUtf8PassesThrough) {
  std::string in = "\xFF电话13812345678\xFE";
  EXPECT_EQ(MaskPii(in), "\xFF电话138****5678\xFE");
}

TEST(FindPii, KindsAndByteOffsets) {
  std::string text = "电话13812345678 邮箱a@b.cn";
  auto spans = FindPii(text);
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(spans[0].kind, PiiKind::kMobile);
  EXPECT_EQ(text.substr(spans[0].begin, spans[0].end - spans[0].begin), "13812345678");
  EXPECT_EQ(spans[1].kind, PiiKind::kEmail);
  EXPECT_EQ(text.substr(spans[1].begin, spans[1].end - spans[1].begin), "a@b.cn");
}

TEST(FindPii, EachKind) {
  struct {
    const char* text;
    PiiKind kind;
    const char* found;
  } cases[] = {
      {"打0731-84561234", PiiKind::kLandline, "0731-84561234"},
      {"证11010519491231002X号", PiiKind::kIdCard, "11010519491231002X"},
      {"卡4111111111111111", PiiKind::kBankCard, "4111111111111111"},
      {"车湘A12345", PiiKind::kLicensePlate, "湘A12345"},
      {"住3栋2单元502室内", PiiKind::kRoomAddress, "3栋2单元502室"},
      {"+86 13912345678", PiiKind::kMobile, "+86 13912345678"},
  };
  for (const auto& c : cases) {
    std::string text = c.text;
    auto spans = FindPii(text);
    ASSERT_EQ(spans.size(), 1u) << c.text;
    EXPECT_EQ(spans[0].kind, c.kind) << c.text;
    EXPECT_EQ(text.substr(spans[0].begin, spans[0].end - spans[0].begin), c.found) << c.text;
  }
}

TEST(FindPii, SpansAreOrderedAndDisjoint) {
  std::string text =
      "13812345678 0731-84561234 11010519491231002X 4111111111111111 x@y.com 湘A12345 3栋502室";
  auto spans = FindPii(text);
  ASSERT_EQ(spans.size(), 7u);
  for (size_t i = 1; i < spans.size(); ++i) EXPECT_LE(spans[i - 1].end, spans[i].begin);
}

TEST(FindPii, NothingInPlainText) {
  EXPECT_TRUE(FindPii("小区门口的路灯坏了三个月，2019年至今无人维修，损失约5000元").empty());
}

TEST(PiiKind, ToString) {
  EXPECT_EQ(ToString(PiiKind::kMobile), "mobile");
  EXPECT_EQ(ToString(PiiKind::kIdCard), "id_card");
  EXPECT_EQ(ToString(PiiKind::kRoomAddress), "room_address");
}

}  // namespace
}  // namespace lianxin::text
