import APICore
import Testing

/// `lotus mpool pending` prints JSON laid out as Go's `json.MarshalIndent(v, "", "  ")`.
@Suite struct GoJSONIndentTests {
    @Test func nestedObjectsArraysAndEmptyContainers() {
        let compact = #"{"A":[1,{"B":"x, {y}: \"z\""}],"C":{},"D":[],"E":null}"#
        #expect(GoJSONIndent.indent(Array(compact.utf8)) == """
            {
              "A": [
                1,
                {
                  "B": "x, {y}: \\"z\\""
                }
              ],
              "C": {},
              "D": [],
              "E": null
            }
            """)
    }
}
