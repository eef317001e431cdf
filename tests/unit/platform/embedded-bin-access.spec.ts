import { foldersClosedToOthers } from "../../../scripts/embedded-bin-access";

describe("which folders keep the postgres user from its binaries (running as root)", () => {
  const modes: Record<string, number> = {
    "/": 0o755,
    "/tmp": 0o1777,
    "/tmp/tmp.Ab12": 0o700,
    "/tmp/tmp.Ab12/clone": 0o755,
    "/tmp/tmp.Ab12/clone/node_modules": 0o750,
    "/tmp/tmp.Ab12/clone/node_modules/pg": 0o755,
  };
  const modeOf = (dir: string) => modes[dir];

  it("names every folder on the way that others cannot enter, outermost first", () => {
    expect(foldersClosedToOthers("/tmp/tmp.Ab12/clone/node_modules/pg/postgres", modeOf)).toEqual([
      "/tmp/tmp.Ab12",
      "/tmp/tmp.Ab12/clone/node_modules",
    ]);
  });

  it("names nothing when every folder can be entered by others", () => {
    expect(
      foldersClosedToOthers("/tmp/tmp.Ab12/clone/x", (d) => (d === "/tmp/tmp.Ab12" ? 0o711 : 0o755)),
    ).toEqual([]);
  });

  it("does not count the binary itself, only the folders above it", () => {
    expect(foldersClosedToOthers("/tmp/file", (d) => (d === "/tmp/file" ? 0o700 : 0o755))).toEqual([]);
  });
});
