use super::*;

/// The SHA-1 secret of RFC 6238 Appendix B.
const RFC_SECRET: &[u8] = b"12345678901234567890";

/// The code of `step` under `secret`, computed by the library directly.
fn code_at(secret: &[u8], step: i64) -> String {
    Builder::new()
        .with_secret(secret)
        .build()
        .unwrap()
        .generate(step as u64 * 30)
        .to_string()
}

#[test]
fn codes_match_rfc_6238_appendix_b() {
    // The 8-digit values of the appendix; a 6-digit code is their last six digits.
    for (time, code) in [
        (59, "287082"),
        (1_111_111_109, "081804"),
        (1_111_111_111, "050471"),
        (1_234_567_890, "005924"),
        (2_000_000_000, "279037"),
        (20_000_000_000, "353130"),
    ] {
        assert_eq!(
            accepted_step(RFC_SECRET, code, time, None),
            Some(time / 30),
            "{time}"
        );
    }
}

#[test]
fn time_steps_start_at_the_epoch_and_last_thirty_seconds() {
    assert_eq!(time_step(0), 0);
    assert_eq!(time_step(29), 0);
    assert_eq!(time_step(30), 1);
    assert_eq!(time_step(59), 1);
    assert_eq!(time_step(1_111_111_109), 37_037_036);
    assert_eq!(time_step(-1), -1);
}

#[test]
fn one_step_either_side_is_accepted_and_two_are_not() {
    let t = 56_666_666;
    // Every second of the step, not only its start.
    for now in [t * 30, t * 30 + 15, t * 30 + 29] {
        assert_eq!(
            accepted_step(RFC_SECRET, &code_at(RFC_SECRET, t), now, None),
            Some(t)
        );
        assert_eq!(
            accepted_step(RFC_SECRET, &code_at(RFC_SECRET, t - 1), now, None),
            Some(t - 1)
        );
        assert_eq!(
            accepted_step(RFC_SECRET, &code_at(RFC_SECRET, t + 1), now, None),
            Some(t + 1)
        );
        for far in [t - 2, t + 2, t - 10, t + 10] {
            let code = code_at(RFC_SECRET, far);
            // Unless that code happens to equal one inside the window (one in a million).
            if (t - 1..=t + 1).all(|s| code_at(RFC_SECRET, s) != code) {
                assert_eq!(accepted_step(RFC_SECRET, &code, now, None), None, "step {far}");
            }
        }
    }
}

#[test]
fn a_step_at_or_before_the_last_accepted_one_is_spent() {
    let t = 56_666_666;
    let now = t * 30 + 10;
    let code = code_at(RFC_SECRET, t);
    assert_eq!(accepted_step(RFC_SECRET, &code, now, Some(t)), None);
    assert_eq!(accepted_step(RFC_SECRET, &code, now, Some(t + 1)), None);
    assert_eq!(accepted_step(RFC_SECRET, &code, now, Some(t - 1)), Some(t));
    // After the code of the next step was used, the late code of this one is refused too.
    assert_eq!(
        accepted_step(RFC_SECRET, &code_at(RFC_SECRET, t - 1), now, Some(t)),
        None
    );
}

#[test]
fn a_code_of_another_secret_is_refused() {
    let t = 56_666_666;
    let other = b"abcdefghijabcdefghij";
    let code = code_at(other, t);
    if (t - 1..=t + 1).all(|s| code_at(RFC_SECRET, s) != code) {
        assert_eq!(accepted_step(RFC_SECRET, &code, t * 30, None), None);
    }
}

#[test]
fn typed_codes_are_six_digits_spaces_ignored() {
    for typed in ["123456", "123 456", " 123456 ", "12 34 56", "123\u{a0}456"] {
        assert_eq!(normalize_code(typed).as_deref(), Some("123456"), "{typed:?}");
    }
    for typed in [
        "",
        "12345",
        "1234567",
        "12345a",
        "123-456",
        "+12345",
        "１２３４５６",
        "٠١٢٣٤٥",
        &" ".repeat(100),
    ] {
        assert_eq!(normalize_code(typed), None, "{typed:?}");
    }
}

#[test]
fn labels_lose_colons_and_control_characters() {
    assert_eq!(label("Acme: Sign-in", 64), "Acme Sign-in");
    assert_eq!(label("me@example.com", 254), "me@example.com");
    assert_eq!(label(" a\nb ", 64), "ab");
    assert_eq!(label(&"x".repeat(100), 64).len(), 64);
}

#[test]
fn enrolments_do_not_print_their_secret() {
    let e = TotpEnrolment {
        secret_base32: "JBSWY3DPEHPK3PXP".into(),
        otpauth_uri: "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP".into(),
        qr_svg: String::new(),
        pending: "sealed".into(),
        expires_at: 1,
    };
    let printed = format!("{e:?}");
    assert!(
        !printed.contains("JBSWY3DPEHPK3PXP") && !printed.contains("sealed"),
        "{printed}"
    );
}
