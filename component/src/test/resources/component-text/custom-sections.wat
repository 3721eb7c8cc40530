;; @custom and @producers become custom sections in place, ending the section being built.
(component
  (type u8)
  (@producers (processed-by "b" "2") (sdk "s" "1") (language "l" "3") (processed-by "a" "1"))
  (type u16)
  (@custom "my-section" "\00\01\ff" "more")
  (@custom "empty")
  (type u32)
  (@producers)
  (type u64)
)
