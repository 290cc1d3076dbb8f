import { zodResolver } from '@hookform/resolvers/zod';
import { signInSchema } from '@partner-hub/domain';

/** The domain's sign-in rules as a react-hook-form resolver; SignInForm loads this module on demand (it brings zod). */
export const signInRules = zodResolver(signInSchema);
