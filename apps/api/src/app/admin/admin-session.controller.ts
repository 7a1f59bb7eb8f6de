import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Req, Res, UnauthorizedException, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiNoContentResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { CookieOptions, Request, Response } from 'express';
import { ADMIN_SESSION_COOKIE, AdminTokenGuard, AdminTokenService } from './admin-token.guard';
import { AdminSessionDto } from './dto/admin-session.dto';

/**
 * The dashboard's sign-in: the token is exchanged once for a cookie that lasts the browser
 * session (every tab of it, not beyond). HttpOnly, so page scripts never see it; SameSite=Strict
 * and Path=/admin, so no other site's page can send it and it goes nowhere but the admin API.
 */
@ApiTags('admin')
@Controller('admin/session')
export class AdminSessionController {
  constructor(private readonly tokens: AdminTokenService) {}

  @Post()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Sign in: exchange the admin token for a browser-session cookie' })
  @ApiBody({ type: AdminSessionDto })
  @ApiNoContentResponse({ description: `Signed in; sets the ${ADMIN_SESSION_COOKIE} cookie (HttpOnly, SameSite=Strict, Path=/admin)` })
  @ApiUnauthorizedResponse({ description: 'The token is not valid' })
  signIn(@Body() body: AdminSessionDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): void {
    if (!this.tokens.matches(body.token)) {
      throw new UnauthorizedException({ statusCode: 401, error: 'unauthorized', message: 'The admin token is not valid' });
    }
    response.cookie(ADMIN_SESSION_COOKIE, this.tokens.issueSession(), cookieOptions(request));
  }

  @Get()
  @UseGuards(AdminTokenGuard)
  @ApiBearerAuth()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Whether this browser is signed in (204) or not (401)' })
  @ApiNoContentResponse({ description: 'Signed in' })
  @ApiUnauthorizedResponse({ description: 'Not signed in' })
  check(): void {
    // The guard answers.
  }

  @Delete()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Sign out: clear the session cookie' })
  @ApiNoContentResponse({ description: 'Signed out' })
  signOut(@Req() request: Request, @Res({ passthrough: true }) response: Response): void {
    response.clearCookie(ADMIN_SESSION_COOKIE, cookieOptions(request));
  }
}

/** No Max-Age/Expires: a session cookie, gone when the browser closes. Secure behind HTTPS. */
function cookieOptions(request: Request): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', path: '/admin', secure: request.secure };
}
