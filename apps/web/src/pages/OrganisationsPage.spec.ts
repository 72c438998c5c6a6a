import type { OrganisationDetail, OrganisationImportReport } from '@jingsai/contracts';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../App.svelte';
import { fieldError } from '../test/dom';
import { errorBody, fakeApi, type FakeReply, type RecordedCall } from '../test/fetch';
import { grant, ORG_ID, sessionUser } from '../test/fixtures';
import { resetApp } from '../test/reset';

const CITY_ID = '7c1d9a3e-2222-4c3b-9c55-0a1b2c3d4e5f';
const ENTERPRISE_ID = '8d1d9a3e-3333-4c3b-9c55-0a1b2c3d4e5f';
/** A published example of a valid code (its check character is 3). */
const VALID_CODE = '91350100M000100Y43';

function node(overrides: Partial<OrganisationDetail>): OrganisationDetail {
  return {
    id: ORG_ID,
    name: '吉林省总工会',
    kind: 'province',
    parentId: null,
    region: '吉林省',
    industry: null,
    creditCode: null,
    childCount: 0,
    manageable: false,
    canAddChildren: true,
    ...overrides,
  };
}

const tree = (): OrganisationDetail[] => [
  node({ childCount: 1 }),
  node({
    id: CITY_ID,
    name: '长春市总工会',
    kind: 'city',
    parentId: ORG_ID,
    region: '吉林省长春市',
    childCount: 1,
    manageable: true,
  }),
  node({
    id: ENTERPRISE_ID,
    name: '中国第一汽车集团有限公司',
    kind: 'enterprise',
    parentId: CITY_ID,
    region: '吉林省长春市',
    industry: '汽车制造业',
    creditCode: VALID_CODE,
    manageable: true,
    canAddChildren: false,
  }),
];

const organiser = sessionUser([grant('organiser', { scopeId: ORG_ID, scopeName: '吉林省总工会' })]);

function renderPage(routes: Record<string, FakeReply | ((call: RecordedCall) => FakeReply)> = {}) {
  resetApp('/organisations', organiser);
  const api = fakeApi({ 'GET /api/v1/organisations': { body: tree() }, ...routes });
  render(App);
  return api;
}

describe('organisations console', () => {
  beforeEach(() => resetApp('/organisations', organiser));

  it('shows the tree with credit codes and narrows it to matches in place', async () => {
    renderPage();
    // The top level starts open; a city's enterprises are behind its toggle.
    await screen.findByText('1 个下级');
    expect(screen.getAllByTestId('organisation')).toHaveLength(2);
    await fireEvent.click(screen.getByRole('button', { name: '展开 长春市总工会' }));
    const rows = await screen.findAllByTestId('organisation');
    expect(rows.map((row) => within(row).getByText(/总工会|公司/).textContent)).toEqual([
      '吉林省总工会',
      '长春市总工会',
      '中国第一汽车集团有限公司',
    ]);
    expect(screen.getByText(VALID_CODE)).toBeTruthy();
    // The province itself is not manageable by its own organiser: no edit button there.
    expect(screen.queryByRole('button', { name: '编辑 吉林省总工会' })).toBeNull();
    expect(screen.getByRole('button', { name: '编辑 长春市总工会' })).toBeTruthy();

    await fireEvent.input(screen.getByLabelText('搜索'), { target: { value: '汽车制造' } });
    // The match is shown with its parents; nothing else.
    await waitFor(() => expect(screen.getAllByTestId('organisation')).toHaveLength(3));
    await fireEvent.input(screen.getByLabelText('搜索'), { target: { value: '吉林化纤' } });
    await waitFor(() => expect(screen.queryAllByTestId('organisation')).toHaveLength(0));
    expect(screen.getByText('没有与“吉林化纤”匹配的组织。')).toBeTruthy();
  });

  it('checks the credit code as it is typed and creates an enterprise under a city', async () => {
    const { calls } = renderPage({
      'POST /api/v1/organisations': (call) => ({
        status: 201,
        body: node({ id: '9e1d9a3e-4444-4c3b-9c55-0a1b2c3d4e5f', ...(call.body as object) }),
      }),
    });
    await fireEvent.click(await screen.findByRole('button', { name: '添加下级 长春市总工会' }));
    await fireEvent.input(screen.getByLabelText(/^名称/), { target: { value: '长春轨道客车' } });
    await fireEvent.change(screen.getByLabelText(/^类型/), { target: { value: 'enterprise' } });
    await fireEvent.input(screen.getByLabelText(/^统一社会信用代码/), {
      target: { value: '91350100M000100Y44' },
    });
    expect(fieldError(screen.getByLabelText(/^统一社会信用代码/))).toMatch(/第 18 位校验码应为 3/);

    await fireEvent.input(screen.getByLabelText(/^统一社会信用代码/), {
      target: { value: VALID_CODE.toLowerCase() },
    });
    await fireEvent.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(calls.filter((call) => call.method === 'POST')).toHaveLength(1));
    expect(calls.find((call) => call.method === 'POST')!.body).toMatchObject({
      name: '长春轨道客车',
      kind: 'enterprise',
      parentId: CITY_ID,
      // Normalised by the shared schema before it is sent.
      creditCode: VALID_CODE,
    });
    expect(await screen.findByText('已保存“长春轨道客车”')).toBeTruthy();
  });

  it('shows the server’s reason when a delete is refused', async () => {
    renderPage({
      [`DELETE /api/v1/organisations/${CITY_ID}`]: errorBody(
        409,
        'organisation.in_use',
        '“长春市总工会”下还有 1 个下级单位、0 名职工、0 项竞赛、0 支队伍、0 个账号授权，不能删除',
      ),
    });
    await fireEvent.click(await screen.findByRole('button', { name: '删除 长春市总工会' }));
    const dialog = screen.getByRole('dialog');
    await fireEvent.click(within(dialog).getByRole('button', { name: '删除' }));
    expect(await within(dialog).findByText(/下还有 1 个下级单位/)).toBeTruthy();
  });

  it('shows an import’s problems row by row and will not import a file with problems', async () => {
    const report: OrganisationImportReport = {
      fileName: 'orgs.csv',
      committed: false,
      totalRows: 2,
      created: 1,
      updated: 0,
      unchanged: 0,
      rows: [
        { row: 2, name: '白城市总工会', action: 'create' },
        { row: 3, name: '白城某企业', action: 'invalid' },
      ],
      issues: [
        {
          row: 3,
          column: '统一社会信用代码',
          message: {
            'zh-CN': '统一社会信用代码第 18 位校验码应为 3，请核对整个代码',
            en: 'Unified social credit code check character (position 18) should be 3; check the whole code',
          },
        },
      ],
    };
    const { calls } = renderPage({ 'POST /api/v1/organisations/import': { body: report } });
    await fireEvent.click(await screen.findByRole('button', { name: '批量导入' }));
    const file = new File(['名称,类型'], 'orgs.csv', { type: 'text/csv' });
    await fireEvent.change(screen.getByLabelText(/选择文件/), { target: { files: [file] } });
    await fireEvent.click(screen.getByRole('button', { name: '检查文件' }));
    const [issue] = await screen.findAllByTestId('organisation-issue');
    expect(within(issue!).getByText('3')).toBeTruthy();
    expect(within(issue!).getByText('统一社会信用代码')).toBeTruthy();
    expect(within(issue!).getByText(/校验码应为 3/)).toBeTruthy();
    expect(screen.getByText('1 行共有 1 个问题，未导入任何数据。请修改后重新检查。')).toBeTruthy();
    expect((screen.getByRole('button', { name: '全部导入' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
    const imports = calls.filter((call) => call.path === '/api/v1/organisations/import');
    expect(imports.map((call) => call.query.get('mode'))).toEqual(['preview']);
  });

  it('says what is wrong with an unusable file', async () => {
    renderPage({
      'POST /api/v1/organisations/import': errorBody(400, 'import.file_invalid', '无法导入该文件', {
        issues: [
          {
            path: 'file',
            message: '缺少必填列：名称、类型。请使用从系统下载的组织导入模板，第 1 行为表头',
          },
        ],
      }),
    });
    await fireEvent.click(await screen.findByRole('button', { name: '批量导入' }));
    await fireEvent.click(screen.getByRole('button', { name: '检查文件' }));
    expect(fieldError(screen.getByLabelText(/选择文件/))).toBe('请选择一个文件');
    const file = new File(['a,b'], 'orgs.csv', { type: 'text/csv' });
    await fireEvent.change(screen.getByLabelText(/选择文件/), { target: { files: [file] } });
    await fireEvent.click(screen.getByRole('button', { name: '检查文件' }));
    expect(await screen.findByText('无法导入该文件')).toBeTruthy();
    expect(screen.getByText(/缺少必填列：名称、类型/)).toBeTruthy();
  });

  it('asks an organiser for a parent: only platform admins add province unions', async () => {
    const { calls } = renderPage();
    await fireEvent.click(await screen.findByRole('button', { name: '+ 新建组织' }));
    const parent = screen.getByLabelText(/^上级单位/) as HTMLSelectElement;
    expect([...parent.options].map((option) => option.text)).not.toContain('无（省级工会）');
    await fireEvent.input(screen.getByLabelText(/^名称/), { target: { value: '白城市总工会' } });
    await fireEvent.click(screen.getByRole('button', { name: '保存' }));
    expect(fieldError(parent)).toBe('此项为必填项');
    expect(calls.filter((call) => call.method === 'POST')).toHaveLength(0);
  });
});
