#include "modules/orgs/org_seed.h"

#include "node/common/ids.h"

namespace mams::orgs {
namespace {

struct SeedRow {
  const char* code;
  const char* name;
  const char* name_en;
  const char* parent;
};

// GB/T 2260 codes of the 31 provincial-level divisions, in the standard's order.
constexpr SeedRow kProvinces[] = {
    {"110000", "北京市", "Beijing", kGroupCode},
    {"120000", "天津市", "Tianjin", kGroupCode},
    {"130000", "河北省", "Hebei", kGroupCode},
    {"140000", "山西省", "Shanxi", kGroupCode},
    {"150000", "内蒙古自治区", "Inner Mongolia", kGroupCode},
    {"210000", "辽宁省", "Liaoning", kGroupCode},
    {"220000", "吉林省", "Jilin", kGroupCode},
    {"230000", "黑龙江省", "Heilongjiang", kGroupCode},
    {"310000", "上海市", "Shanghai", kGroupCode},
    {"320000", "江苏省", "Jiangsu", kGroupCode},
    {"330000", "浙江省", "Zhejiang", kGroupCode},
    {"340000", "安徽省", "Anhui", kGroupCode},
    {"350000", "福建省", "Fujian", kGroupCode},
    {"360000", "江西省", "Jiangxi", kGroupCode},
    {"370000", "山东省", "Shandong", kGroupCode},
    {"410000", "河南省", "Henan", kGroupCode},
    {"420000", "湖北省", "Hubei", kGroupCode},
    {"430000", "湖南省", "Hunan", kGroupCode},
    {"440000", "广东省", "Guangdong", kGroupCode},
    {"450000", "广西壮族自治区", "Guangxi", kGroupCode},
    {"460000", "海南省", "Hainan", kGroupCode},
    {"500000", "重庆市", "Chongqing", kGroupCode},
    {"510000", "四川省", "Sichuan", kGroupCode},
    {"520000", "贵州省", "Guizhou", kGroupCode},
    {"530000", "云南省", "Yunnan", kGroupCode},
    {"540000", "西藏自治区", "Xizang (Tibet)", kGroupCode},
    {"610000", "陕西省", "Shaanxi", kGroupCode},
    {"620000", "甘肃省", "Gansu", kGroupCode},
    {"630000", "青海省", "Qinghai", kGroupCode},
    {"640000", "宁夏回族自治区", "Ningxia", kGroupCode},
    {"650000", "新疆维吾尔自治区", "Xinjiang", kGroupCode},
};

// Sample local networks (本地网): provincial capitals and large cities. The municipalities
// (Beijing, Tianjin, Shanghai, Chongqing) are served directly by their provincial node.
constexpr SeedRow kLocalNetworks[] = {
    {"130100", "石家庄市", "Shijiazhuang", "130000"},
    {"140100", "太原市", "Taiyuan", "140000"},
    {"150100", "呼和浩特市", "Hohhot", "150000"},
    {"210100", "沈阳市", "Shenyang", "210000"},
    {"210200", "大连市", "Dalian", "210000"},
    {"220100", "长春市", "Changchun", "220000"},
    {"230100", "哈尔滨市", "Harbin", "230000"},
    {"320100", "南京市", "Nanjing", "320000"},
    {"320200", "无锡市", "Wuxi", "320000"},
    {"320500", "苏州市", "Suzhou", "320000"},
    {"330100", "杭州市", "Hangzhou", "330000"},
    {"330200", "宁波市", "Ningbo", "330000"},
    {"330300", "温州市", "Wenzhou", "330000"},
    {"340100", "合肥市", "Hefei", "340000"},
    {"350100", "福州市", "Fuzhou", "350000"},
    {"350200", "厦门市", "Xiamen", "350000"},
    {"360100", "南昌市", "Nanchang", "360000"},
    {"370100", "济南市", "Jinan", "370000"},
    {"370200", "青岛市", "Qingdao", "370000"},
    {"410100", "郑州市", "Zhengzhou", "410000"},
    {"410300", "洛阳市", "Luoyang", "410000"},
    {"420100", "武汉市", "Wuhan", "420000"},
    {"420500", "宜昌市", "Yichang", "420000"},
    {"430100", "长沙市", "Changsha", "430000"},
    {"440100", "广州市", "Guangzhou", "440000"},
    {"440300", "深圳市", "Shenzhen", "440000"},
    {"440600", "佛山市", "Foshan", "440000"},
    {"441900", "东莞市", "Dongguan", "440000"},
    {"450100", "南宁市", "Nanning", "450000"},
    {"460100", "海口市", "Haikou", "460000"},
    {"510100", "成都市", "Chengdu", "510000"},
    {"510700", "绵阳市", "Mianyang", "510000"},
    {"520100", "贵阳市", "Guiyang", "520000"},
    {"530100", "昆明市", "Kunming", "530000"},
    {"540100", "拉萨市", "Lhasa", "540000"},
    {"610100", "西安市", "Xi'an", "610000"},
    {"620100", "兰州市", "Lanzhou", "620000"},
    {"630100", "西宁市", "Xining", "630000"},
    {"640100", "银川市", "Yinchuan", "640000"},
    {"650100", "乌鲁木齐市", "Urumqi", "650000"},
};

scope::Org MakeOrg(const SeedRow& row, scope::OrgLevel level, int sort_order) {
  scope::Org org;
  org.id = StableRowId(std::string("org:") + row.code);
  org.code = row.code;
  org.name = row.name;
  org.name_en = row.name_en;
  org.level = level;
  org.parent_code = row.parent;
  org.sort_order = sort_order;
  return org;
}

}  // namespace

std::vector<scope::Org> SeedOrgs() {
  std::vector<scope::Org> orgs;
  orgs.push_back(MakeOrg({kGroupCode, "集团总部", "Group Headquarters", ""},
                         scope::OrgLevel::kGroup, 0));
  int sort_order = 0;
  for (const auto& row : kProvinces) {
    orgs.push_back(MakeOrg(row, scope::OrgLevel::kProvince, ++sort_order));
  }
  for (const auto& row : kLocalNetworks) {
    orgs.push_back(MakeOrg(row, scope::OrgLevel::kLocal, ++sort_order));
  }
  return orgs;
}

}  // namespace mams::orgs
