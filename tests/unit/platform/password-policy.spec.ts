import { passwordProblems } from "../../../services/api/domain/password-policy";

describe("password policy", () => {
  it.each(["aaaaaaaaaa", "1234567890", "password12"])("refuses %s (short and common)", (pw) => {
    expect(passwordProblems(pw).length).toBeGreaterThan(0);
  });

  it("refuses common passwords of 12 characters and more, also with digits appended", () => {
    expect(passwordProblems("123456789012")).toContain(
      "Password is on the list of common or breached passwords",
    );
    expect(passwordProblems("qwertyuiop12345")).toContain(
      "Password is on the list of common or breached passwords",
    );
  });

  it("refuses long passwords of very few different characters", () => {
    expect(passwordProblems("abababababababab")).toEqual([
      "Password must use at least 5 different characters",
    ]);
  });

  it("accepts a long uncommon passphrase", () => {
    expect(passwordProblems("correct horse battery")).toEqual([]);
    expect(passwordProblems("admin-password-123")).toEqual([]);
  });
});
