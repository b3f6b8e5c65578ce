//! Reference data shipped inside the binary, so a fresh database needs no files beside it.
//! See seed/NOTICE for the licence of the unit lists.

pub struct BuiltinTree {
    pub id: &'static str,
    pub name: &'static str,
    pub csv: &'static str,
}

pub const THREE_TIER: BuiltinTree = BuiltinTree {
    id: "vn-3tier-2021",
    name: "Tỉnh > huyện > xã (2021–6/2025)",
    csv: include_str!("../seed/vn-admin-units-3tier.csv"),
};

pub const TWO_TIER: BuiltinTree = BuiltinTree {
    id: "vn-2tier-2025",
    name: "Tỉnh > xã (từ 7/2025)",
    csv: include_str!("../seed/vn-admin-units-2tier-2025.csv"),
};

pub fn builtin(id: &str) -> Option<&'static BuiltinTree> {
    [&THREE_TIER, &TWO_TIER].into_iter().find(|t| t.id == id)
}
